using ILGPU;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>
/// Flash-decoding: one query per sequence attends to a long context, so the context is split into partitions that
/// run in parallel (<see cref="Partial"/>), each leaving an unnormalised output with its running maximum and
/// denominator, and a second kernel (<see cref="Combine"/>) merges the partitions of each (sequence, head) exactly:
/// <c>out = sum_i e^(m_i - m) acc_i / sum_i e^(m_i - m) l_i</c> with <c>m = max_i m_i</c>.
/// Partials are laid out per item <c>partition * heads + head</c>: <c>HeadDim</c> accumulator floats at
/// <c>item * HeadDim</c>, then the maxima at <c>items * HeadDim + item</c> and denominators after them.
/// </summary>
internal static class IlgpuDecodeAttentionKernels
{
    /// <summary>Head-dimension elements one lane holds (the narrowest warp, <see cref="IlgpuKernels.MinWarpSize"/> lanes on the CPU accelerator, covers <see cref="IlgpuKernels.MaxHeadDim"/>).</summary>
    private const int LaneSlots = IlgpuKernels.MaxHeadDim / IlgpuKernels.MinWarpSize;

    /// <summary>
    /// One warp per (partition, query head), warps striding over the items. <paramref name="parts"/> holds per
    /// partition (query row, first position, end position, block-table offset). Lanes split the head dimension:
    /// the q.k dot product reads a K row with consecutive lanes on consecutive addresses and a shuffle butterfly
    /// gives every lane the score; each lane keeps its slice of q and of the output in registers. GQA: query
    /// head h reads KV head <c>h / (heads / kvHeads)</c>.
    /// </summary>
    public static void Partial(ArrayView<float> q, ArrayView<float> kCache, ArrayView<float> vCache, ArrayView<int> parts,
        ArrayView<int> tables, ArrayView<float> partials, int partitions, AttentionGeometry g)
    {
        var acc = LocalMemory.Allocate1D<float>(LaneSlots);
        var qs = LocalMemory.Allocate1D<float>(LaneSlots);
        var lane = Warp.LaneIdx;
        var width = Warp.WarpSize;
        var warpsPerGroup = Group.DimX / width;
        var items = partitions * g.Heads;
        var kvDim = g.KvHeads * g.HeadDim;
        for (var item = Grid.IdxX * warpsPerGroup + Warp.WarpIdx; item < items; item += Grid.DimX * warpsPerGroup)
        {
            var part = item / g.Heads;
            var h = item - part * g.Heads;
            var kvHead = h / (g.Heads / g.KvHeads);
            var start = parts[part * 4 + 1];
            var end = parts[part * 4 + 2];
            var tableOffset = parts[part * 4 + 3];
            long qBase = (long)parts[part * 4] * g.Heads * g.HeadDim + h * g.HeadDim;
            var slots = 0;
            for (var d = lane; d < g.HeadDim; d += width, slots++)
            {
                qs[slots] = q[qBase + d];
                acc[slots] = 0f;
            }
            var max = float.NegativeInfinity;
            var denominator = 0f;
            for (var p = start; p < end; p++)
            {
                var block = tables[tableOffset + p / g.BlockSize];
                long kv = (g.LayerBase + (long)block * g.BlockSize + p % g.BlockSize) * kvDim + kvHead * g.HeadDim;
                var dot = 0f;
                for (var s = 0; s < slots; s++) dot += qs[s] * kCache[kv + lane + s * width];
                var score = WarpReduce.Sum(dot) * g.Scale;
                if (score > max)
                {
                    var correction = MathF.Exp(max - score);
                    denominator *= correction;
                    for (var s = 0; s < slots; s++) acc[s] *= correction;
                    max = score;
                }
                var weight = MathF.Exp(score - max);
                denominator += weight;
                for (var s = 0; s < slots; s++) acc[s] += weight * vCache[kv + lane + s * width];
            }
            for (var s = 0; s < slots; s++) partials[(long)item * g.HeadDim + lane + s * width] = acc[s];
            if (lane == 0)
            {
                partials[(long)items * g.HeadDim + item] = max;
                partials[(long)items * (g.HeadDim + 1) + item] = denominator;
            }
        }
    }

    /// <summary>
    /// One warp per (sequence, query head): <paramref name="sequences"/> holds per sequence (query row, first partition,
    /// partition count); lanes split the head dimension and merge the partitions' partials into the output row.
    /// </summary>
    public static void Combine(ArrayView<float> partials, ArrayView<int> sequences, ArrayView<float> output, int count, int partitions, AttentionGeometry g)
    {
        var lane = Warp.LaneIdx;
        var warpsPerGroup = Group.DimX / Warp.WarpSize;
        var items = partitions * g.Heads;
        for (var item = Grid.IdxX * warpsPerGroup + Warp.WarpIdx; item < count * g.Heads; item += Grid.DimX * warpsPerGroup)
        {
            var sequence = item / g.Heads;
            var h = item - sequence * g.Heads;
            var first = sequences[sequence * 3 + 1];
            var last = first + sequences[sequence * 3 + 2];
            var max = float.NegativeInfinity;
            for (var part = first; part < last; part++) max = MathF.Max(max, partials[(long)items * g.HeadDim + part * g.Heads + h]);
            var denominator = 0f;
            for (var part = first; part < last; part++)
            {
                var at = part * g.Heads + h;
                denominator += MathF.Exp(partials[(long)items * g.HeadDim + at] - max) * partials[(long)items * (g.HeadDim + 1) + at];
            }
            var inverse = 1f / denominator;
            long o = (long)sequences[sequence * 3] * g.Heads * g.HeadDim + h * g.HeadDim;
            for (var d = lane; d < g.HeadDim; d += Warp.WarpSize)
            {
                var sum = 0f;
                for (var part = first; part < last; part++)
                {
                    var at = part * g.Heads + h;
                    sum += MathF.Exp(partials[(long)items * g.HeadDim + at] - max) * partials[(long)at * g.HeadDim + d];
                }
                output[o + d] = sum * inverse;
            }
        }
    }
}
