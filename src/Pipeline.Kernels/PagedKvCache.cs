namespace Pipeline.Kernels;

/// <summary>
/// A paged KV cache allocated by a backend (see <see cref="KvCacheShape"/> for the layout). Blocks are
/// allocated by the caller (a <c>BlockPool</c>); the cache only stores them. Reading and writing whole blocks
/// lets a KV cache move between workers (disaggregated prefill/decode) or to host memory (swap).
/// </summary>
public abstract class PagedKvCache : IDisposable
{
    /// <summary>The cache's geometry.</summary>
    public abstract KvCacheShape Shape { get; }

    /// <summary>
    /// Copies blocks to the host: for each block in order, all layers of K then all layers of V,
    /// <c>2 * Layers * FloatsPerBlockPerLayer</c> floats per block.
    /// </summary>
    public abstract void ReadBlocks(ReadOnlySpan<int> blocks, Span<float> destination);

    /// <summary>Writes blocks from the host in the format <see cref="ReadBlocks"/> produces.</summary>
    public abstract void WriteBlocks(ReadOnlySpan<int> blocks, ReadOnlySpan<float> source);

    /// <inheritdoc />
    public abstract void Dispose();
}
