namespace Pipeline.Kernels;

/// <summary>
/// A paged KV cache allocated by a backend (see <see cref="KvCacheShape"/> for the layout). Blocks are
/// allocated by the caller (a <c>BlockPool</c>); the cache only stores them. Reading and writing whole blocks
/// lets a KV cache move between workers (disaggregated prefill/decode) or to host memory (swap). The host format of
/// blocks is defined here once, so every backend produces and accepts the same bytes.
/// </summary>
public abstract class PagedKvCache : IDisposable
{
    /// <summary>The cache's geometry.</summary>
    public abstract KvCacheShape Shape { get; }

    /// <summary>
    /// Copies blocks to the host: for each block in order, all layers of K then all layers of V,
    /// <c>2 * Layers * FloatsPerBlockPerLayer</c> floats per block.
    /// </summary>
    public void ReadBlocks(ReadOnlySpan<int> blocks, Span<float> destination)
    {
        var per = Shape.FloatsPerBlockPerLayer;
        RequireLength(blocks.Length, destination.Length);
        var offset = 0;
        foreach (var block in blocks)
        {
            CheckBlock(block);
            for (var part = 0; part < 2; part++)
            {
                for (var layer = 0; layer < Shape.Layers; layer++, offset += per)
                {
                    CopyBlockOut(part == 1, layer, block, destination.Slice(offset, per));
                }
            }
        }
    }

    /// <summary>Writes blocks from the host in the format <see cref="ReadBlocks"/> produces.</summary>
    public void WriteBlocks(ReadOnlySpan<int> blocks, ReadOnlySpan<float> source)
    {
        var per = Shape.FloatsPerBlockPerLayer;
        RequireLength(blocks.Length, source.Length);
        var offset = 0;
        foreach (var block in blocks)
        {
            CheckBlock(block);
            for (var part = 0; part < 2; part++)
            {
                for (var layer = 0; layer < Shape.Layers; layer++, offset += per)
                {
                    CopyBlockIn(part == 1, layer, block, source.Slice(offset, per));
                }
            }
        }
    }

    /// <inheritdoc />
    public abstract void Dispose();

    /// <summary>Copies one layer of one block of K (or V when <paramref name="values"/>) to the host: <c>FloatsPerBlockPerLayer</c> floats.</summary>
    protected abstract void CopyBlockOut(bool values, int layer, int block, Span<float> destination);

    /// <summary>Copies one layer of one block of K (or V) from the host.</summary>
    protected abstract void CopyBlockIn(bool values, int layer, int block, ReadOnlySpan<float> source);

    /// <summary>Offset of the first float of (layer, block) in the K or V array of the shared layout.</summary>
    protected long BlockStart(int layer, int block) => ((long)layer * Shape.Blocks + block) * Shape.FloatsPerBlockPerLayer;

    private void RequireLength(int blocks, int length)
    {
        var needed = (long)blocks * 2 * Shape.Layers * Shape.FloatsPerBlockPerLayer;
        if (length < needed) throw new ArgumentException($"Buffer of {length} floats is smaller than the {needed} floats of {blocks} blocks.");
    }

    private void CheckBlock(int block)
    {
        if ((uint)block >= (uint)Shape.Blocks) throw new ArgumentOutOfRangeException(nameof(block), block, $"The cache has {Shape.Blocks} blocks.");
    }
}
