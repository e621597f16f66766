using ILGPU;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>
/// Paged grouped-query attention reading K/V through block tables (layout of <see cref="KvCacheShape"/>),
/// with an online (streaming) softmax so no score matrix is materialised.
/// </summary>
internal static class IlgpuAttentionKernels
{
    private const int Tile = IlgpuKernels.KeyTile;
    private const int MaxHeadDim = IlgpuKernels.MaxHeadDim;

    /// <summary>
    /// Decode: thread i handles sequence <c>i / heads</c>, query head <c>i % heads</c>. <paramref name="meta"/> holds
    /// per sequence (query row, context length, offset of its block table in <paramref name="tables"/>).
    /// </summary>
    public static void Decode(Index1D i, WorkSplit s, ArrayView<float> q, ArrayView<float> kCache, ArrayView<float> vCache,
        ArrayView<int> meta, ArrayView<int> tables, ArrayView<float> output, AttentionGeometry g)
    {
        var acc = LocalMemory.Allocate1D<float>(MaxHeadDim);
        for (var t = 0; t < s.PerThread; t++)
        {
            var item = (int)i * s.ThreadStep + t * s.ItemStep;
            if (item >= s.Count) return;
            DecodeItem(item, q, kCache, vCache, meta, tables, output, g, acc);
        }
    }

    private static void DecodeItem(int i, ArrayView<float> q, ArrayView<float> kCache, ArrayView<float> vCache,
        ArrayView<int> meta, ArrayView<int> tables, ArrayView<float> output, AttentionGeometry g, ArrayView<float> acc)
    {
        var unit = i / g.Heads;
        var h = i - unit * g.Heads;
        var kvHead = h / (g.Heads / g.KvHeads);
        var qRow = meta[unit * 3];
        var context = meta[unit * 3 + 1];
        var tableOffset = meta[unit * 3 + 2];
        long qBase = (long)qRow * g.Heads * g.HeadDim + h * g.HeadDim;
        var kvDim = g.KvHeads * g.HeadDim;
        for (var d = 0; d < g.HeadDim; d++) acc[d] = 0f;
        var softmax = OnlineSoftmax.Empty();
        for (var p = 0; p < context; p++)
        {
            var block = tables[tableOffset + p / g.BlockSize];
            long kv = (g.LayerBase + (long)block * g.BlockSize + p % g.BlockSize) * kvDim + kvHead * g.HeadDim;
            var score = 0f;
            for (var d = 0; d < g.HeadDim; d++) score += q[qBase + d] * kCache[kv + d];
            softmax = OnlineSoftmax.Accumulate(softmax, score * g.Scale, vCache, kv, g.HeadDim, acc);
        }
        var inverse = 1f / softmax.Denominator;
        for (var d = 0; d < g.HeadDim; d++) output[qBase + d] = acc[d] * inverse;
    }

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
