using Pipeline.Kernels;

namespace Pipeline.Engine.Gguf;

/// <summary>The parsed header of a GGUF file: version, metadata, tensor directory and where tensor data starts.</summary>
internal sealed class GgufFile
{
    public const uint Magic = 0x46554747; // "GGUF" little-endian
    public const int MaxKeyLength = 1 << 16;
    public const int MaxStringLength = 1 << 24;
    public const int MaxDimensions = 4;

    private GgufFile(uint version, Dictionary<string, object> metadata, List<GgufTensorInfo> tensors, long dataStart, int alignment)
    {
        Version = version;
        Metadata = metadata;
        Tensors = tensors;
        DataStart = dataStart;
        Alignment = alignment;
    }

    public uint Version { get; }
    public IReadOnlyDictionary<string, object> Metadata { get; }
    public IReadOnlyList<GgufTensorInfo> Tensors { get; }
    public long DataStart { get; }
    public int Alignment { get; }

    public static GgufFile Read(BoundedReader r)
    {
        var magic = r.U32("magic");
        if (magic != Magic) throw new GgufFormatException($"Bad magic 0x{magic:X8}: not a GGUF file (expected 'GGUF').");
        var version = r.U32("version");
        if (version is not (2 or 3)) throw new GgufFormatException($"Unsupported GGUF version {version} (supported: 2, 3).");
        var tensorCount = r.U64("tensor count");
        var kvCount = r.U64("metadata count");
        // Each metadata entry takes at least 13 bytes, each tensor entry at least 32: bound the counts by the file size.
        if (kvCount > (ulong)(r.Remaining / 13)) throw new GgufFormatException($"Truncated or corrupt file: metadata count {kvCount} cannot fit in a file of {r.Length} bytes.");
        if (tensorCount > (ulong)(r.Remaining / 32)) throw new GgufFormatException($"Truncated or corrupt file: tensor count {tensorCount} cannot fit in a file of {r.Length} bytes.");

        var metadata = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var i = 0UL; i < kvCount; i++)
        {
            var key = r.String($"metadata key #{i}", MaxKeyLength);
            var type = (GgufValueType)r.U32($"type of '{key}'");
            metadata[key] = GgufValues.Read(r, type, key, allowArray: true);
        }

        var alignment = 32;
        if (metadata.TryGetValue("general.alignment", out var a))
        {
            if (a is not uint value || value == 0 || (value & (value - 1)) != 0 || value > 1 << 20)
            {
                throw new GgufFormatException($"general.alignment must be a power of two (uint32), got {a}.");
            }
            alignment = (int)value;
        }

        var tensors = new List<GgufTensorInfo>((int)tensorCount);
        for (var i = 0UL; i < tensorCount; i++) tensors.Add(ReadTensorInfo(r, i));

        var dataStart = (r.Position + alignment - 1) / alignment * alignment;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tensors)
        {
            if (!names.Add(t.Name)) throw new GgufFormatException($"Tensor '{t.Name}' appears twice.");
            if (t.Offset % alignment != 0) throw new GgufFormatException($"Tensor '{t.Name}' offset {t.Offset} is not aligned to {alignment}.");
            if (dataStart + t.Offset > r.Length || t.ByteLength > r.Length - dataStart - t.Offset)
            {
                throw new GgufFormatException($"Truncated file: tensor '{t.Name}' ({t.ByteLength} bytes at data offset {t.Offset}) extends past the end of the file (length {r.Length}).");
            }
        }
        return new GgufFile(version, metadata, tensors, dataStart, alignment);
    }

    private static GgufTensorInfo ReadTensorInfo(BoundedReader r, ulong index)
    {
        var name = r.String($"name of tensor #{index}", MaxKeyLength);
        var dimensionCount = r.U32($"dimension count of '{name}'");
        if (dimensionCount is 0 or > MaxDimensions) throw new GgufFormatException($"Tensor '{name}' has {dimensionCount} dimensions (supported: 1 to {MaxDimensions}).");
        var dimensions = new long[dimensionCount];
        long elements = 1;
        for (var d = 0; d < dimensionCount; d++)
        {
            var size = r.U64($"dimension {d} of '{name}'");
            if (size == 0 || size > int.MaxValue) throw new GgufFormatException($"Tensor '{name}' has an absurd dimension {d} of {size}.");
            dimensions[d] = (long)size;
            elements *= (long)size;
            if (elements > r.Length * 2) throw new GgufFormatException($"Tensor '{name}' has more elements than a file of {r.Length} bytes can hold.");
        }
        var rawType = r.U32($"type of '{name}'");
        if (!GgmlTypes.TryFromRaw(rawType, out var type))
        {
            throw new GgufFormatException($"Tensor '{name}' has unsupported ggml type {rawType} (supported: {GgmlTypes.List}).");
        }
        var format = GgmlTypes.Format(type);
        if (!WeightBlocks.FitsRow(format, dimensions[0]))
        {
            throw new GgufFormatException($"{type} tensor '{name}' has a row of {dimensions[0]} values, not a multiple of {WeightBlocks.Values(format)}.");
        }
        var bytes = elements / WeightBlocks.Values(format) * WeightBlocks.Bytes(format);
        var offset = r.U64($"offset of '{name}'");
        if (offset > (ulong)r.Length) throw new GgufFormatException($"Truncated or corrupt file: tensor '{name}' offset {offset} lies outside the file (length {r.Length}).");
        return new GgufTensorInfo(name, dimensions, type, (long)offset, bytes);
    }
}
