using System.Globalization;
using Pipeline.Plans;
using Pipeline.Plans.Costs.Prediction;
using Pipeline.Serving.Internal;
using Pipeline.Serving.Scheduling;

namespace Pipeline.Serving.Execution;

/// <summary>
/// Simulate mode: predicts a step's duration operator by operator with the <see cref="ExecutionTimePredictor"/> of
/// the worker's accelerator (its calibrated <see cref="CostParameters"/>), for one worker of <c>TensorParallel</c>
/// accelerators. Swaps cost their bytes over the host link; a KV transfer costs the deployment link's latency plus
/// bytes over its bandwidth. Sampled tokens are a deterministic hash of (request, position): the simulator has no
/// weights.
/// </summary>
public sealed class CostModelStepExecutor : IStepExecutor
{
    /// <summary>Bytes per second between device and host memory for swap preemption (PCIe 4.0 x16, about 25 GB/s in practice).</summary>
    public const double HostLinkBandwidth = 25e9;

    private readonly ModelArchitecture _model;
    private readonly ExecutionTimePredictor _predictor;
    private readonly KvTransferLink _link;
    private readonly double _blockBytes;

    /// <summary>Creates the cost model of one worker of <paramref name="pool"/>.</summary>
    /// <param name="model">The model's shape.</param>
    /// <param name="pool">The worker's pool (accelerator, tensor-parallel degree, KV geometry).</param>
    /// <param name="link">The KV-transfer link of a disaggregated deployment; null uses the accelerator's interconnect.</param>
    public CostModelStepExecutor(ModelArchitecture model, WorkerPoolPlan pool, KvTransferLink? link = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pool);
        var accelerator = pool.Accelerator;
        if (accelerator.PeakFlops(model.WeightType) is null || accelerator.MemoryBandwidth <= 0)
        {
            throw new ArgumentException($"Accelerator '{accelerator.Name}' has no {model.WeightType.ToKeyword()} FLOP/s or bandwidth figures.", nameof(pool));
        }
        _model = model;
        var tp = Math.Max(1, pool.TensorParallel);
        _predictor = new ExecutionTimePredictor(model, accelerator, tp);
        _link = link ?? new KvTransferLink(Math.Max(1, accelerator.InterconnectBandwidth), 0);
        _blockBytes = pool.KvCache.BytesPerBlock;
        Device = string.Create(CultureInfo.InvariantCulture, $"cost-model ({accelerator.Name} x{tp})");
    }

    /// <inheritdoc />
    public string Device { get; }

    /// <inheritdoc />
    public StepResult Execute(ScheduledBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var swapBlocks = 0;
        foreach (var order in batch.SwapOut) swapBlocks += order.Blocks.Count;
        foreach (var order in batch.SwapIn) swapBlocks += order.Blocks.Count;
        var sequences = batch.Sequences;
        var seconds = PredictSeconds(sequences) + swapBlocks * _blockBytes / HostLinkBandwidth;
        var ids = new int[sequences.Count];
        var tokens = new int[sequences.Count];
        var count = 0;
        for (var i = 0; i < sequences.Count; i++)
        {
            var sequence = sequences[i];
            if (sequence.Samples)
            {
                ids[count] = sequence.RequestId;
                tokens[count++] = PseudoToken(sequence.RequestId, sequence.ContextLength);
            }
        }
        return new StepResult(seconds, new SampledTokenTable(ids, tokens, count));
    }

    /// <summary>Predicted seconds of a forward pass over these sequences (no swaps).</summary>
    public double PredictSeconds(IReadOnlyList<ScheduledSequence> sequences) => _predictor.Seconds(Shape(sequences));

    /// <summary>Predicted seconds of a forward pass with each operator's share.</summary>
    public StepPrediction Explain(IReadOnlyList<ScheduledSequence> sequences) => _predictor.Explain(Shape(sequences));

    /// <inheritdoc />
    public KvSnapshot ExportKv(int requestId, IReadOnlyList<int> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var bytes = (long)(blocks.Count * _blockBytes);
        return new KvSnapshot(requestId, blocks.Count, bytes, _link.Latency + bytes / _link.Bandwidth, null);
    }

    /// <inheritdoc />
    public double ImportKv(KvSnapshot snapshot, IReadOnlyList<int> blocks) => 0; // the link time is charged on export

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static StepShape Shape(IReadOnlyList<ScheduledSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var shape = default(StepShape);
        for (var i = 0; i < sequences.Count; i++)
        {
            var sequence = sequences[i];
            shape.Add(sequence.TokenCount, sequence.StartPosition);
        }
        return shape;
    }

    private int PseudoToken(int requestId, int position)
    {
        var h = (ulong)(uint)requestId * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)position * 0xC2B2AE3D27D4EB4FUL;
        h ^= h >> 29;
        return (int)(h % (ulong)_model.Vocab);
    }
}
