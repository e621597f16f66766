using System.Globalization;
using Pipeline.Plans;
using Pipeline.Plans.Costs;
using Pipeline.Serving.Scheduling;

namespace Pipeline.Serving.Execution;

/// <summary>
/// Simulate mode: predicts a step's duration with a roofline over the whole step,
/// <c>max(FLOPs / peak, bytes / bandwidth) + overhead</c>, for one worker of <c>TensorParallel</c> accelerators
/// with FLOPs and bytes per shard from <see cref="RooflineModel.StepCost"/> (weights read once per step, each
/// sequence's KV context read once; tensor-parallel all-reduces are not modelled).
/// Swaps cost their bytes over the host link; a KV transfer costs the deployment link's latency plus bytes over
/// its bandwidth. Sampled tokens are a deterministic hash of (request, position): the simulator has no weights.
/// </summary>
public sealed class CostModelStepExecutor : IStepExecutor
{
    private readonly ModelArchitecture _model;
    private readonly double _peakFlops;
    private readonly double _bandwidth;
    private readonly KvTransferLink _link;
    private readonly CostModelOptions _options;
    private readonly int _blockSize;
    private readonly int _tensorParallel;

    /// <summary>Creates the cost model of one worker of <paramref name="pool"/>.</summary>
    /// <param name="model">The model's shape.</param>
    /// <param name="pool">The worker's pool (accelerator, tensor-parallel degree, KV geometry).</param>
    /// <param name="link">The KV-transfer link of a disaggregated deployment; null uses the accelerator's interconnect.</param>
    /// <param name="options">Overheads and efficiencies; null for the defaults.</param>
    public CostModelStepExecutor(ModelArchitecture model, WorkerPoolPlan pool, KvTransferLink? link = null, CostModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pool);
        _model = model;
        _options = options ?? CostModelOptions.Default;
        var accelerator = pool.Accelerator;
        var peak = accelerator.PeakFlops(model.WeightType)
            ?? accelerator.PeakFlops(DType.F32)
            ?? (accelerator.DenseFlops.Count > 0 ? accelerator.DenseFlops.Values.Max() : 0);
        if (peak <= 0 || accelerator.MemoryBandwidth <= 0)
        {
            throw new ArgumentException($"Accelerator '{accelerator.Name}' has no FLOP/s or bandwidth figures.", nameof(pool));
        }
        var tp = Math.Max(1, pool.TensorParallel);
        _tensorParallel = tp;
        _peakFlops = peak * _options.ComputeEfficiency;
        _bandwidth = accelerator.MemoryBandwidth * _options.BandwidthEfficiency;
        _link = link ?? new KvTransferLink(Math.Max(1, accelerator.InterconnectBandwidth), 0);
        _blockSize = pool.KvCache.BlockSize;
        Device = string.Create(CultureInfo.InvariantCulture, $"cost-model ({accelerator.Name} x{tp})");
    }

    /// <inheritdoc />
    public string Device { get; }

    /// <inheritdoc />
    public StepResult Execute(ScheduledBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var swapBlocks = batch.SwapOut.Sum(o => o.Blocks.Count) + batch.SwapIn.Sum(o => o.Blocks.Count);
        var seconds = PredictSeconds(batch.Sequences) + swapBlocks * BlockBytes / _options.HostLinkBandwidth;
        var tokens = new Dictionary<int, int>();
        foreach (var sequence in batch.Sequences.Where(s => s.Samples))
        {
            tokens[sequence.RequestId] = PseudoToken(sequence.RequestId, sequence.ContextLength);
        }
        return new StepResult(seconds, tokens);
    }

    /// <summary>Predicted seconds of a forward pass over these sequences (no swaps).</summary>
    public double PredictSeconds(IReadOnlyList<ScheduledSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (sequences.Count == 0)
        {
            return _options.StepOverheadSeconds;
        }
        var work = sequences.Select(s => new SequenceWork(s.TokenCount, s.StartPosition)).ToArray();
        var cost = RooflineModel.StepCost(_model, _tensorParallel, work);
        return Math.Max(cost.Flops / _peakFlops, cost.Bytes / _bandwidth) + _options.StepOverheadSeconds;
    }

    /// <inheritdoc />
    public KvSnapshot ExportKv(int requestId, IReadOnlyList<int> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var bytes = (long)(blocks.Count * BlockBytes);
        return new KvSnapshot(requestId, blocks.Count, bytes, _link.Latency + bytes / _link.Bandwidth, null);
    }

    /// <inheritdoc />
    public double ImportKv(KvSnapshot snapshot, IReadOnlyList<int> blocks) => 0; // the link time is charged on export

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private double BlockBytes => (double)_model.KvBytesPerToken * _blockSize;

    private int PseudoToken(int requestId, int position)
    {
        var h = (ulong)(uint)requestId * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)position * 0xC2B2AE3D27D4EB4FUL;
        h ^= h >> 29;
        return (int)(h % (ulong)_model.Vocab);
    }
}
