using ILGPU;
using ILGPU.Runtime;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>A paged KV cache as two f32 arrays (K, V) on the accelerator, in the layout of <see cref="KvCacheShape"/>.</summary>
internal sealed class IlgpuKvCache : PagedKvCache
{
    public IlgpuKvCache(IlgpuKernelBackend owner, KvCacheShape shape, Accelerator accelerator)
    {
        Owner = owner;
        Shape = shape;
        K = accelerator.Allocate1D<float>(shape.FloatsPerArray);
        V = accelerator.Allocate1D<float>(shape.FloatsPerArray);
        K.MemSetToZero();
        V.MemSetToZero();
    }

    public IlgpuKernelBackend Owner { get; }

    public override KvCacheShape Shape { get; }

    public MemoryBuffer1D<float, Stride1D.Dense> K { get; }

    public MemoryBuffer1D<float, Stride1D.Dense> V { get; }

    /// <inheritdoc />
    protected override void CopyBlockOut(bool values, int layer, int block, Span<float> destination) =>
        ((ArrayView<float>)(values ? V : K).View).SubView(BlockStart(layer, block), Shape.FloatsPerBlockPerLayer).CopyToCPU(destination);

    /// <inheritdoc />
    protected override void CopyBlockIn(bool values, int layer, int block, ReadOnlySpan<float> source) =>
        ((ArrayView<float>)(values ? V : K).View).SubView(BlockStart(layer, block), Shape.FloatsPerBlockPerLayer).CopyFromCPU(source);

    public override void Dispose()
    {
        K.Dispose();
        V.Dispose();
    }
}
