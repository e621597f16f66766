using Pipeline.Core.Weights;

namespace Pipeline.Kernels;

/// <summary>
/// Block geometry of every <see cref="WeightFormat"/> (f32 and f16 are blocks of one value) and row decoding to
/// f32, the one home of the ggml block layouts (decoders in <see cref="QuantizedBlockDecoder"/>).
/// </summary>
public static class WeightBlocks
{
    /// <summary>Values one block of <paramref name="format"/> holds (a row must be a whole number of blocks).</summary>
    public static int Values(WeightFormat format) => Geometry(format).BlockValues;

    /// <summary>Bytes one block of <paramref name="format"/> takes.</summary>
    public static int Bytes(WeightFormat format) => Geometry(format).BlockBytes;

    /// <summary>ggml's number for <paramref name="format"/> (the type id GGUF files store).</summary>
    public static uint GgmlType(WeightFormat format) => format switch
    {
        WeightFormat.F32 => 0,
        WeightFormat.F16 => 1,
        WeightFormat.Q4_0 => 2,
        WeightFormat.Q8_0 => 8,
        WeightFormat.Q4_K => 12,
        WeightFormat.Q5_K => 13,
        WeightFormat.Q6_K => 14,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    // Block sizes live once, in ggml's type table (Pipeline.Core), keyed by the number GGUF stores.
    private static (string Name, int BlockValues, int BlockBytes) Geometry(WeightFormat format) =>
        GgmlBlockGeometry.TryGet(GgmlType(format), out var geometry)
            ? geometry
            : throw new ArgumentOutOfRangeException(nameof(format), format, "no ggml block geometry");

    /// <summary>Bytes of one row of <paramref name="cols"/> values (which must be a multiple of the block).</summary>
    public static long RowBytes(WeightFormat format, int cols) => (long)cols / Values(format) * Bytes(format);

    /// <summary>Whether a row of <paramref name="cols"/> values is a whole number of blocks.</summary>
    public static bool FitsRow(WeightFormat format, long cols) => cols % Values(format) == 0;

    /// <summary>Decodes whole blocks of <paramref name="format"/> in <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public static void Decode(WeightFormat format, ReadOnlySpan<byte> source, Span<float> destination)
    {
        int values = Values(format), bytes = Bytes(format);
        int blocks = destination.Length / values;
        if (blocks * values != destination.Length || source.Length < (long)blocks * bytes)
        {
            throw new ArgumentException($"{destination.Length} {format} values need whole blocks of {values} and {(long)blocks * bytes} bytes, got {source.Length}.");
        }
        for (int b = 0; b < blocks; b++)
        {
            var block = source.Slice(b * bytes, bytes);
            var output = destination.Slice(b * values, values);
            switch (format)
            {
                case WeightFormat.F32: output[0] = BitConverter.ToSingle(block); break;
                case WeightFormat.F16: output[0] = (float)BitConverter.ToHalf(block); break;
                case WeightFormat.Q8_0: QuantizedBlockDecoder.Q8_0(block, output); break;
                case WeightFormat.Q4_0: QuantizedBlockDecoder.Q4_0(block, output); break;
                case WeightFormat.Q4_K: QuantizedBlockDecoder.Q4_K(block, output); break;
                case WeightFormat.Q5_K: QuantizedBlockDecoder.Q5_K(block, output); break;
                default: QuantizedBlockDecoder.Q6_K(block, output); break;
            }
        }
    }
}
