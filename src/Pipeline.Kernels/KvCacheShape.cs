namespace Pipeline.Kernels;

/// <summary>
/// Geometry of a paged KV cache. Layout (shared by every backend, so blocks can be copied between them):
/// K and V are separate float32 arrays, each indexed
/// <c>[layer][block][slotInBlock][kvHead][headDim]</c>, i.e. element
/// <c>((layer * Blocks + block) * BlockSize + slot) * KvHeads * HeadDim + kvHead * HeadDim + d</c>.
/// A token at position <c>p</c> of a sequence lives in block <c>table[p / BlockSize]</c>, slot <c>p % BlockSize</c>.
/// </summary>
public sealed record KvCacheShape(int Layers, int Blocks, int BlockSize, int KvHeads, int HeadDim)
{
    /// <summary>Floats of one block in one layer for K (or V).</summary>
    public int FloatsPerBlockPerLayer => BlockSize * KvHeads * HeadDim;

    /// <summary>Floats of one whole K (or V) array.</summary>
    public long FloatsPerArray => (long)Layers * Blocks * FloatsPerBlockPerLayer;
}
