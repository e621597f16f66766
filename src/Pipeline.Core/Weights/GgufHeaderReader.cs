using Pipeline.Core.Weights.Internal;

namespace Pipeline.Core.Weights;

/// <summary>The header of a GGUF file, or where and why it cannot be read.</summary>
/// <param name="Header">The header; null when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">The first problem found, at its byte offset.</param>
public sealed record GgufHeaderResult(GgufHeader? Header, GgufProblem? Problem);

/// <summary>
/// Reads a GGUF header (magic, version, metadata, tensor directory) without reading tensor data. Every count and
/// length the file states is checked against the bytes left before it is used, so the work and memory are bounded by
/// the file's size; the tensor directory is checked for duplicate names, alignment, known ggml types and data that
/// lies inside the file. Never throws for bad content; the stream must be seekable.
/// </summary>
public static partial class GgufHeaderReader
{
    private const uint Magic = 0x46554747; // "GGUF" little-endian
    private const int MaxKeyBytes = 1 << 16;
    private const int MaxValueBytes = 1 << 24;
    private const int MaxDimensions = 4;
    private const int MaxArrayDepth = 3;
    private const string TokenizerPrefix = "tokenizer.ggml.";

    /// <summary>Reads the header from the start of <paramref name="stream"/>.</summary>
    public static GgufHeaderResult Read(Stream stream) => Read(stream, keepTokenizer: false);

    /// <summary>
    /// Reads the header; with <paramref name="keepTokenizer"/> the arrays under <c>tokenizer.ggml.*</c> (vocabulary,
    /// scores, token types, merges) are kept as <see cref="GgufArrayValues"/> instead of their length only.
    /// </summary>
    public static GgufHeaderResult Read(Stream stream, bool keepTokenizer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek) throw new ArgumentException("The stream must be seekable.", nameof(stream));
        var input = new HeaderInput(stream);
        try
        {
            return new GgufHeaderResult(Read(input, keepTokenizer), null);
        }
        catch (HeaderError e)
        {
            return new GgufHeaderResult(null, new GgufProblem(e.Offset, e.Message));
        }
    }

    private static GgufHeader Read(HeaderInput input, bool keepTokenizer)
    {
        var magic = input.U32("the magic number");
        if (magic != Magic) throw new HeaderError(0, $"bad magic 0x{magic:X8}: not a GGUF file (a GGUF file starts with \"GGUF\")");
        var version = input.U32("the version");
        if (version is not (2 or 3)) throw new HeaderError(4, $"GGUF version {version} is not supported (2 or 3)");
        var at = input.Position;
        var tensorCount = input.U64("the tensor count");
        var metadataCount = input.U64("the metadata count");
        // A metadata entry takes at least 13 bytes and a tensor entry at least 32: counts the file cannot hold are corrupt.
        if (metadataCount > (ulong)(input.Remaining / 13)) throw new HeaderError(at + 8, $"truncated header: {metadataCount} metadata entries cannot fit in the {input.Length} bytes of the file");
        if (tensorCount > (ulong)(input.Remaining / 32)) throw new HeaderError(at, $"truncated header: {tensorCount} tensors cannot fit in the {input.Length} bytes of the file");

        var metadata = new Dictionary<string, object>(StringComparer.Ordinal);
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0UL; i < metadataCount; i++)
        {
            var keyAt = input.Position;
            var key = input.String($"metadata key {i}", MaxKeyBytes) ?? throw new HeaderError(keyAt, $"metadata key {i} is longer than {MaxKeyBytes} bytes");
            var type = input.U32($"the type of '{key}'");
            var value = keepTokenizer && type == 9 && key.StartsWith(TokenizerPrefix, StringComparison.Ordinal)
                ? KeptArray(input, key)
                : Value(input, type, key, 0);
            if (!metadata.TryAdd(key, value)) throw new HeaderError(keyAt, $"metadata key '{key}' appears twice");
            offsets[key] = keyAt;
        }
        var alignment = Alignment(metadata);
        var tensors = new List<GgufTensorEntry>((int)tensorCount);
        var positions = new List<long>((int)tensorCount);
        for (var i = 0UL; i < tensorCount; i++)
        {
            positions.Add(input.Position);
            tensors.Add(Tensor(input, i));
        }
        var dataStart = (input.Position + alignment - 1) / alignment * alignment;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i];
            if (!names.Add(t.Name)) throw new HeaderError(positions[i], $"tensor '{t.Name}' appears twice");
            if (t.Offset % alignment != 0) throw new HeaderError(positions[i], $"tensor '{t.Name}' data offset {t.Offset} is not a multiple of the alignment {alignment}");
            if (t.Offset > input.Length - dataStart || t.ByteLength > input.Length - dataStart - t.Offset)
            {
                throw new HeaderError(positions[i], $"truncated file: tensor '{t.Name}' ({t.ByteLength} bytes at data offset {t.Offset}) ends past the end of the file ({input.Length} bytes)");
            }
        }
        return new GgufHeader(version, metadata, tensors, dataStart) { KeyOffsets = offsets };
    }

    private static long Alignment(Dictionary<string, object> metadata)
    {
        if (!metadata.TryGetValue("general.alignment", out var value)) return 32;
        if (value is long a and > 0 and <= 1 << 20 && (a & (a - 1)) == 0) return a;
        throw new HeaderError(8, $"general.alignment must be a power of two up to 1048576, not {value}");
    }

    private static object Value(HeaderInput input, uint type, string key, int depth)
    {
        var keep = depth == 0;
        return type switch
        {
            0 => (long)input.U8(key),
            1 => (long)(sbyte)input.U8(key),
            2 => (long)input.U16(key),
            3 => (long)(short)input.U16(key),
            4 => (long)input.U32(key),
            5 => (long)(int)input.U32(key),
            6 => (double)BitConverter.UInt32BitsToSingle(input.U32(key)),
            7 => input.U8(key) != 0,
            8 => StringValue(input, key, keep),
            9 when depth < MaxArrayDepth => Array(input, key, depth),
            10 => input.U64(key) is var u && u <= long.MaxValue ? (long)u : u,
            11 => (long)input.U64(key),
            12 => BitConverter.UInt64BitsToDouble(input.U64(key)),
            9 => throw input.Error($"metadata '{key}' nests arrays more than {MaxArrayDepth} deep"),
            _ => throw new HeaderError(input.Position - 4, $"metadata '{key}' has unknown value type {type}"),
        };
    }

    /// <summary>A string value; inside arrays (the vocabulary) strings are skipped, not kept.</summary>
    private static object StringValue(HeaderInput input, string key, bool keep)
    {
        var at = input.Position;
        if (!keep) return input.String($"an element of '{key}'", 0, keep: false) ?? string.Empty;
        return input.String($"the value of '{key}'", MaxValueBytes) ?? throw new HeaderError(at, $"the value of '{key}' is longer than {MaxValueBytes} bytes");
    }

    private static GgufArrayLength Array(HeaderInput input, string key, int depth)
    {
        var (elementType, count, minimum) = ArrayPrefix(input, key, scalarsOnly: false);
        if (elementType is not (8 or 9))
        {
            input.Skip((long)count * minimum, $"array '{key}'");
        }
        else
        {
            for (var i = 0UL; i < count; i++) Value(input, elementType, key, depth + 1);
        }
        return new GgufArrayLength(elementType, (long)count);
    }

    /// <summary>
    /// An array's element type and length, the length checked against the bytes left (every element takes at least
    /// its type's smallest encoding: a string its 8-byte length, a nested array its 12-byte type and length).
    /// </summary>
    private static (uint ElementType, ulong Count, int MinimumBytes) ArrayPrefix(HeaderInput input, string key, bool scalarsOnly)
    {
        var elementType = input.U32($"the element type of '{key}'");
        var at = input.Position;
        var count = input.U64($"the length of '{key}'");
        var minimum = elementType switch
        {
            0 or 1 or 7 => 1,
            2 or 3 => 2,
            4 or 5 or 6 => 4,
            8 or 10 or 11 or 12 => 8,
            9 when scalarsOnly => throw new HeaderError(at - 4, $"array '{key}' holds arrays; a tokenizer array holds scalars"),
            9 => 12,
            _ => throw new HeaderError(at - 4, $"array '{key}' has unknown element type {elementType}"),
        };
        if (count > (ulong)(input.Remaining / minimum)) throw new HeaderError(at, $"truncated header: array '{key}' claims {count} elements, more than the {input.Remaining} bytes left can hold");
        return (elementType, count, minimum);
    }
}
