using ILGPU;
using ILGPU.Runtime;

namespace Pipeline.Kernels.Ilgpu;

// KV-cache append and paged attention (prefill and decode) through block tables.
public sealed partial class IlgpuKernelBackend
{
    /// <inheritdoc />
    public void AppendKv(PagedKvCache cache, int layer, DeviceTensor k, DeviceTensor v, ReadOnlySpan<int> slots)
    {
        var c = Own(cache);
        var shape = c.Shape;
        var kvDim = shape.KvHeads * shape.HeadDim;
        if ((uint)layer >= (uint)shape.Layers) throw new ArgumentOutOfRangeException(nameof(layer));
        Require(Own(k), (long)slots.Length * kvDim, nameof(k));
        Require(Own(v), (long)slots.Length * kvDim, nameof(v));
        foreach (var slot in slots)
        {
            if ((uint)slot >= (uint)(shape.Blocks * shape.BlockSize)) throw new ArgumentOutOfRangeException(nameof(slots), slot, "Slot outside the cache.");
        }
        if (slots.IsEmpty) return;
        var layerBase = (long)layer * shape.Blocks * shape.BlockSize;
        var split = Split(slots.Length * kvDim);
        _kernels.AppendKv(split.Threads, split, Own(k).View, Own(v).View, c.K.View, c.V.View, _ints.Upload(slots), kvDim, layerBase);
    }

    /// <inheritdoc />
    public void PrefillAttention(DeviceTensor q, PagedKvCache cache, int layer, IReadOnlyList<AttentionSequence> sequences, int heads, DeviceTensor output)
    {
        var plan = AttentionPlan.ForPrefill(Own(cache).Shape, layer, sequences, heads, _groupSize);
        Require(Own(q), plan.RequiredRows * (long)heads * plan.Geometry.HeadDim, nameof(q));
        Require(Own(output), plan.RequiredRows * (long)heads * plan.Geometry.HeadDim, nameof(output));
        if (plan.Units == 0) return;
        var c = Own(cache);
        var config = new KernelConfig(new Index1D(Math.Min(plan.Units * heads, _maxGroups)), new Index1D(_groupSize));
        _kernels.Prefill(config, Own(q).View, c.K.View, c.V.View, _ints.Upload(plan.Meta), _ints.Upload(plan.Tables), Own(output).View, plan.Geometry);
    }

    /// <inheritdoc />
    public void DecodeAttention(DeviceTensor q, PagedKvCache cache, int layer, IReadOnlyList<AttentionSequence> sequences, int heads, DeviceTensor output)
    {
        var plan = AttentionPlan.ForDecode(Own(cache).Shape, layer, sequences, heads, _decodePartition);
        Require(Own(q), plan.RequiredRows * (long)heads * plan.Geometry.HeadDim, nameof(q));
        Require(Own(output), plan.RequiredRows * (long)heads * plan.Geometry.HeadDim, nameof(output));
        if (plan.Units == 0) return;
        var c = Own(cache);
        // Flash-decoding: partitions of the context in parallel, then one merge per (sequence, head); both queued, no wait.
        var partitions = plan.Partitions.Length / 4;
        var partials = _partials.Get((long)partitions * heads * (plan.Geometry.HeadDim + 2));
        var tables = _ints.Upload(plan.Tables);
        _kernels.DecodePartial(WarpConfig(partitions * heads), Own(q).View, c.K.View, c.V.View, _ints.Upload(plan.Partitions), tables,
            partials, partitions, plan.Geometry);
        _kernels.DecodeCombine(WarpConfig(plan.Units * heads), partials, _ints.Upload(plan.Meta), Own(output).View, plan.Units, partitions, plan.Geometry);
    }
}
