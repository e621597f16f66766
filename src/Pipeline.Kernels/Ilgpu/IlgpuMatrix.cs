using ILGPU;
using ILGPU.Runtime;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>A weight matrix on an ILGPU accelerator, always stored as f32 (F16/Q8_0 are dequantised on upload).</summary>
internal sealed class IlgpuMatrix : DeviceMatrix
{
    public IlgpuMatrix(IlgpuKernelBackend owner, int rows, int cols, MemoryBuffer1D<float, Stride1D.Dense> buffer)
    {
        Owner = owner;
        Rows = rows;
        Cols = cols;
        Buffer = buffer;
    }

    public IlgpuKernelBackend Owner { get; }

    public MemoryBuffer1D<float, Stride1D.Dense> Buffer { get; }

    public ArrayView<float> View => Buffer.View;

    public override int Rows { get; }

    public override int Cols { get; }

    public override long StoredBytes => 4L * Rows * Cols;

    public override void Dispose() => Buffer.Dispose();
}
