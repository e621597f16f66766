using System.Runtime.InteropServices;

namespace Pipeline.Kernels;

/// <summary>Decodes a <see cref="HostMatrix"/> in any <see cref="WeightFormat"/> to f32 (used by backends that dequantise on upload).</summary>
public static class HostMatrixDecoding
{
    /// <summary>Bytes of one GGML Q8_0 block (f16 scale + 32 int8 values).</summary>
    public const int Q8BlockBytes = 34;

    /// <summary>Values in one GGML Q8_0 block.</summary>
    public const int Q8BlockValues = 32;

    /// <summary>Bytes a <paramref name="rows"/> x <paramref name="cols"/> matrix takes in <paramref name="format"/>.</summary>
    public static long ByteLength(WeightFormat format, int rows, int cols) => format switch
    {
        WeightFormat.F32 => 4L * rows * cols,
        WeightFormat.F16 => 2L * rows * cols,
        _ => rows * WeightBlocks.RowBytes(format, cols),
    };

    /// <summary>Returns the matrix as row-major f32 values (<c>Rows * Cols</c>).</summary>
    public static float[] ToFloats(this HostMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (!WeightBlocks.FitsRow(matrix.Format, matrix.Cols))
        {
            throw new ArgumentException($"{matrix.Format} needs a column count divisible by {WeightBlocks.Values(matrix.Format)}, got {matrix.Cols}.");
        }
        var expected = ByteLength(matrix.Format, matrix.Rows, matrix.Cols);
        if (matrix.Data.Length != expected) throw new ArgumentException($"Expected {expected} bytes of {matrix.Format}, got {matrix.Data.Length}.");
        var bytes = matrix.Data.Span;
        var result = new float[(long)matrix.Rows * matrix.Cols];
        switch (matrix.Format)
        {
            case WeightFormat.F32:
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(result);
                break;
            case WeightFormat.F16:
                var halves = MemoryMarshal.Cast<byte, Half>(bytes);
                for (var i = 0; i < result.Length; i++) result[i] = (float)halves[i];
                break;
            default:
                WeightBlocks.Decode(matrix.Format, bytes, result);
                break;
        }
        return result;
    }
}
