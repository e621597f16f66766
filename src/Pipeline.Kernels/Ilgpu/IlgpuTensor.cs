using ILGPU;
using ILGPU.Runtime;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>A float buffer in an ILGPU accelerator's memory.</summary>
internal sealed class IlgpuTensor : DeviceTensor
{
    public IlgpuTensor(IlgpuKernelBackend owner, MemoryBuffer1D<float, Stride1D.Dense> buffer, int length)
    {
        Owner = owner;
        Length = length;
        Buffer = buffer;
    }

    public IlgpuKernelBackend Owner { get; }

    public MemoryBuffer1D<float, Stride1D.Dense> Buffer { get; }

    public ArrayView<float> View => Buffer.View;

    public override int Length { get; }

    public override void Dispose() => Buffer.Dispose();
}
