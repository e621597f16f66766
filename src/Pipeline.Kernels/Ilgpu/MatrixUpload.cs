using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using Half = ILGPU.Half;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>Copies a <see cref="HostMatrix"/> to the device in its own format (F32, F16, Q8_0), or as f32 for any other.</summary>
internal static class MatrixUpload
{
    public static IlgpuMatrix Upload(IlgpuKernelBackend owner, Accelerator accelerator, HostMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var (rows, cols) = (matrix.Rows, matrix.Cols);
        var bytes = matrix.Data.Span;
        switch (matrix.Format)
        {
            case WeightFormat.F16:
                Check(matrix);
                return new IlgpuMatrix(owner, rows, cols, WeightFormat.F16, null, Copy(accelerator, MemoryMarshal.Cast<byte, Half>(bytes)), null);
            case WeightFormat.Q8_0:
                Check(matrix);
                // GGML blocks interleave a 2-byte scale with 32 quants; split them so a row's quants are contiguous.
                var blocks = bytes.Length / HostMatrixDecoding.Q8BlockBytes;
                var scales = new Half[blocks];
                var quants = new sbyte[blocks * HostMatrixDecoding.Q8BlockValues];
                for (var b = 0; b < blocks; b++)
                {
                    var block = bytes.Slice(b * HostMatrixDecoding.Q8BlockBytes, HostMatrixDecoding.Q8BlockBytes);
                    scales[b] = MemoryMarshal.Read<Half>(block);
                    MemoryMarshal.Cast<byte, sbyte>(block[2..]).CopyTo(quants.AsSpan(b * HostMatrixDecoding.Q8BlockValues));
                }
                return new IlgpuMatrix(owner, rows, cols, WeightFormat.Q8_0, null, Copy(accelerator, scales), Copy(accelerator, quants));
            default:
                // F32 as it is; a format without a kernel of its own falls back to f32 (decoded, and checked, on the host).
                var values = matrix.ToFloats();
                return new IlgpuMatrix(owner, rows, cols, WeightFormat.F32, Copy<float>(accelerator, values), null, null);
        }
    }

    /// <summary>The same checks as the host decoder, so every backend rejects the same malformed matrices.</summary>
    private static void Check(HostMatrix matrix)
    {
        if (matrix.Format == WeightFormat.Q8_0 && matrix.Cols % HostMatrixDecoding.Q8BlockValues != 0)
        {
            throw new ArgumentException($"Q8_0 needs a column count divisible by {HostMatrixDecoding.Q8BlockValues}, got {matrix.Cols}.");
        }
        var expected = HostMatrixDecoding.ByteLength(matrix.Format, matrix.Rows, matrix.Cols);
        if (matrix.Data.Length != expected) throw new ArgumentException($"Expected {expected} bytes of {matrix.Format}, got {matrix.Data.Length}.");
    }

    private static MemoryBuffer1D<T, Stride1D.Dense> Copy<T>(Accelerator accelerator, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var buffer = accelerator.Allocate1D<T>(Math.Max(values.Length, 1));
        if (!values.IsEmpty) ((ArrayView<T>)buffer.View).SubView(0, values.Length).CopyFromCPU(values);
        return buffer;
    }
}
