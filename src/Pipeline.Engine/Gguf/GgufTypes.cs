using Pipeline.Kernels;

namespace Pipeline.Engine.Gguf;

/// <summary>GGUF metadata value types (the numbering of the GGUF specification).</summary>
internal enum GgufValueType : uint
{
    UInt8 = 0,
    Int8 = 1,
    UInt16 = 2,
    Int16 = 3,
    UInt32 = 4,
    Int32 = 5,
    Float32 = 6,
    Bool = 7,
    String = 8,
    Array = 9,
    UInt64 = 10,
    Int64 = 11,
    Float64 = 12,
}

/// <summary>The ggml tensor types the engine reads and writes (ggml's numbering; the table is <see cref="GgmlTypes"/>).</summary>
internal enum GgmlType : uint
{
    F32 = 0,
    F16 = 1,
    Q4_0 = 2,
    Q8_0 = 8,
    Q4_K = 12,
    Q5_K = 13,
    Q6_K = 14,
}

/// <summary>
/// The one table of supported tensor types: each ggml type and the <see cref="WeightFormat"/> it loads as (block
/// geometry in <see cref="WeightBlocks"/>). Readers and writers go through it; a type missing here is refused.
/// </summary>
internal static class GgmlTypes
{
    // ggml's numbering of each format comes from the kernels' block table, so the two cannot disagree.
    public static readonly IReadOnlyList<(GgmlType Type, WeightFormat Format)> Supported =
        Enum.GetValues<WeightFormat>().Select(format => ((GgmlType)WeightBlocks.GgmlType(format), format)).OrderBy(s => s.Item1).ToArray();

    /// <summary>The supported types as "NAME = number" for messages.</summary>
    public static string List => string.Join(", ", Supported.Select(s => $"{s.Type} = {(uint)s.Type}"));

    public static bool TryFromRaw(uint raw, out GgmlType type)
    {
        type = (GgmlType)raw;
        foreach (var s in Supported) if ((uint)s.Type == raw) return true;
        return false;
    }

    public static WeightFormat Format(GgmlType type)
    {
        foreach (var s in Supported) if (s.Type == type) return s.Format;
        throw new ArgumentOutOfRangeException(nameof(type), type, null);
    }

    public static GgmlType Type(WeightFormat format)
    {
        foreach (var s in Supported) if (s.Format == format) return s.Type;
        throw new ArgumentOutOfRangeException(nameof(format), format, null);
    }
}

/// <summary>One entry of a GGUF file's tensor directory.</summary>
internal sealed record GgufTensorInfo(string Name, long[] Dimensions, GgmlType Type, long Offset, long ByteLength);
