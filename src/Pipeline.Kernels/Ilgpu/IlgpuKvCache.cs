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

    public override void ReadBlocks(ReadOnlySpan<int> blocks, Span<float> destination)
    {
        var per = Shape.FloatsPerBlockPerLayer;
        RequireLength(blocks.Length, destination.Length);
        var offset = 0;
        foreach (var block in blocks)
        {
            CheckBlock(block);
            foreach (var array in new[] { K, V })
            {
                for (var layer = 0; layer < Shape.Layers; layer++)
                {
                    ((ArrayView<float>)array.View).SubView(Start(layer, block), per).CopyToCPU(destination.Slice(offset, per));
                    offset += per;
                }
            }
        }
    }

    public override void WriteBlocks(ReadOnlySpan<int> blocks, ReadOnlySpan<float> source)
    {
        var per = Shape.FloatsPerBlockPerLayer;
        RequireLength(blocks.Length, source.Length);
        var offset = 0;
        foreach (var block in blocks)
        {
            CheckBlock(block);
            foreach (var array in new[] { K, V })
            {
                for (var layer = 0; layer < Shape.Layers; layer++)
                {
                    ((ArrayView<float>)array.View).SubView(Start(layer, block), per).CopyFromCPU(source.Slice(offset, per));
                    offset += per;
                }
            }
        }
    }

    public override void Dispose()
    {
        K.Dispose();
        V.Dispose();
    }

    private long Start(int layer, int block) => ((long)layer * Shape.Blocks + block) * Shape.FloatsPerBlockPerLayer;

    private void CheckBlock(int block)
    {
        if ((uint)block >= (uint)Shape.Blocks) throw new ArgumentOutOfRangeException(nameof(block), block, $"The cache has {Shape.Blocks} blocks.");
    }

    private void RequireLength(int blocks, int length)
    {
        var needed = (long)blocks * 2 * Shape.Layers * Shape.FloatsPerBlockPerLayer;
        if (length < needed) throw new ArgumentException($"Buffer of {length} floats is smaller than the {needed} floats of {blocks} blocks.");
    }
}
