using ILGPU;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>
/// Flash-style prefill attention over paged K/V read through block tables (layout of <see cref="KvCacheShape"/>),
/// with an online (streaming) softmax so no score matrix is materialised. Decode is in <see cref="IlgpuDecodeAttentionKernels"/>.
/// </summary>
internal static class IlgpuAttentionKernels
{
    private const int Tile = IlgpuKernels.KeyTile;
    private const int MaxHeadDim = IlgpuKernels.MaxHeadDim;

    /// <summary>
    /// Prefill: a group of G threads handles (tile, head) pairs: up to G consecutive query rows of one
    /// sequence for one head; <paramref name="meta"/> holds the tile count, then per tile (first query row, row count,
    /// position of the first row, block-table offset). Keys/values are staged Tile positions at a time in shared memory and
    /// reused by every query row of the tile (G threads load them cooperatively); the causal mask skips positions after each row's own.
    /// </summary>
    public static void Prefill(ArrayView<float> q, ArrayView<float> kCache, ArrayView<float> vCache,
        ArrayView<int> meta, ArrayView<int> tables, ArrayView<float> output, AttentionGeometry g)
    {
        var kTile = SharedMemory.Allocate1D<float>(Tile * MaxHeadDim);
        var vTile = SharedMemory.Allocate1D<float>(Tile * MaxHeadDim);
        var acc = LocalMemory.Allocate1D<float>(MaxHeadDim);
        var work = meta[0] * g.Heads; // meta[0] = number of tiles; (tile, head) pairs are walked group-stride
        for (var item = Grid.IdxX; item < work; item += Grid.DimX)
        {
            PrefillItem(item / g.Heads, item % g.Heads, q, kCache, vCache, meta, tables, output, g, kTile, vTile, acc);
        }
    }

    private static void PrefillItem(int tile, int h, ArrayView<float> q, ArrayView<float> kCache, ArrayView<float> vCache,
        ArrayView<int> meta, ArrayView<int> tables, ArrayView<float> output, AttentionGeometry g,
        ArrayView<float> kTile, ArrayView<float> vTile, ArrayView<float> acc)
    {
        var t = Group.IdxX;
        var kvHead = h / (g.Heads / g.KvHeads);
        var firstRow = meta[1 + tile * 4];
        var count = meta[1 + tile * 4 + 1];
        var firstPosition = meta[1 + tile * 4 + 2];
        var tableOffset = meta[1 + tile * 4 + 3];
        var active = t < count;
        var myPosition = firstPosition + t;
        var kvDim = g.KvHeads * g.HeadDim;
        long qBase = (long)(firstRow + (active ? t : 0)) * g.Heads * g.HeadDim + h * g.HeadDim;
        for (var d = 0; d < g.HeadDim; d++) acc[d] = 0f;
        var softmax = OnlineSoftmax.Empty();
        var end = firstPosition + count; // exclusive; the same for every thread so barriers stay uniform

        for (var p0 = 0; p0 < end; p0 += Tile)
        {
            for (var key = t; key < Tile; key += Group.DimX)
            {
                var p = p0 + key;
                if (p >= end) break;
                var block = tables[tableOffset + p / g.BlockSize];
                long kv = (g.LayerBase + (long)block * g.BlockSize + p % g.BlockSize) * kvDim + kvHead * g.HeadDim;
                for (var d = 0; d < g.HeadDim; d++)
                {
                    kTile[key * MaxHeadDim + d] = kCache[kv + d];
                    vTile[key * MaxHeadDim + d] = vCache[kv + d];
                }
            }
            Group.Barrier();
            if (active)
            {
                var limit = Math.Min(Tile, myPosition + 1 - p0); // causal mask
                for (var j = 0; j < limit; j++)
                {
                    var score = 0f;
                    for (var d = 0; d < g.HeadDim; d++) score += q[qBase + d] * kTile[j * MaxHeadDim + d];
                    softmax = OnlineSoftmax.Accumulate(softmax, score * g.Scale, vTile, j * MaxHeadDim, g.HeadDim, acc);
                }
            }
            Group.Barrier();
        }

        if (active)
        {
            var inverse = 1f / softmax.Denominator;
            for (var d = 0; d < g.HeadDim; d++) output[qBase + d] = acc[d] * inverse;
        }
    }
}
