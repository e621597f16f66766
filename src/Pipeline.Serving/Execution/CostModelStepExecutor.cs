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
/// weights. Under pipeline parallelism the worker is one micro-batch slot of a replica (vLLM's virtual engine): its
/// step waits for the replica's <see cref="StagePipeline"/>, which the replica's slots share, and takes the host's
/// time plus its stages (see <see cref="ExecutionTimePredictor.Stages"/>).
/// </summary>
public sealed class CostModelStepExecutor : IStepExecutor
{
    /// <summary>Bytes per second between device and host memory for swap preemption (PCIe 4.0 x16, about 25 GB/s in practice).</summary>
    public const double HostLinkBandwidth = 25e9;

    private readonly ModelArchitecture _model;
    private readonly ExecutionTimePredictor _predictor;
    private readonly KvTransferLink _link;
    private readonly double _blockBytes;
    private readonly StagePipeline? _pipeline;
    private readonly double[] _stageSeconds = [];
    private readonly bool _streams;

    /// <summary>Creates the cost model of one worker of <paramref name="pool"/>.</summary>
    /// <param name="model">The model's shape.</param>
    /// <param name="pool">The worker's pool (accelerator, tensor-parallel degree, KV geometry).</param>
    /// <param name="link">The KV-transfer link of a disaggregated deployment; null uses the accelerator's interconnect.</param>
    /// <param name="stages">Under pipeline parallelism, the stages of the replica this slot belongs to (shared with its
    /// other slots); null gives the slot stages of its own.</param>
    /// <param name="streamsTokens">True when the scenario streams tokens (<see cref="ScenarioStreaming"/>): every
    /// sequence that samples a token then costs the host the accelerator's <c>stream_overhead</c>.</param>
    public CostModelStepExecutor(ModelArchitecture model, WorkerPoolPlan pool, KvTransferLink? link = null, StagePipeline? stages = null, bool streamsTokens = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pool);
        var accelerator = pool.Accelerator;
        if (accelerator.PeakFlops(model.WeightType) is null || accelerator.MemoryBandwidth <= 0)
        {
            throw new ArgumentException($"Accelerator '{accelerator.Name}' has no {model.WeightType.ToKeyword()} FLOP/s or bandwidth figures.", nameof(pool));
        }
        _model = model;
        _streams = streamsTokens;
        var tp = Math.Max(1, pool.TensorParallel);
        var pp = Math.Max(1, pool.PipelineParallel);
        _predictor = new ExecutionTimePredictor(model, accelerator, tp, pp);
        _link = link ?? new KvTransferLink(Math.Max(1, accelerator.InterconnectBandwidth), 0);
        _blockBytes = pool.KvCache.BytesPerBlock;
        if (pp > 1)
        {
            _pipeline = stages ?? new StagePipeline(pp);
            if (_pipeline.Stages != pp) throw new ArgumentException($"The replica has {pp} stages, not {_pipeline.Stages}.", nameof(stages));
            _stageSeconds = new double[pp];
        }
        Device = pp == 1
            ? string.Create(CultureInfo.InvariantCulture, $"cost-model ({accelerator.Name} x{tp})")
            : string.Create(CultureInfo.InvariantCulture, $"cost-model ({accelerator.Name} x{tp} x pp{pp})");
    }

    /// <inheritdoc />
    public string Device { get; }

    /// <inheritdoc />
    public StepResult Execute(ScheduledBatch batch) => Execute(batch, null);

    /// <inheritdoc />
    public StepResult Execute(ScheduledBatch batch, double now) => Execute(batch, (double?)now);

    // Without a time a pipelined step is predicted through idle stages and books nothing.
    private StepResult Execute(ScheduledBatch batch, double? now)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var swapBlocks = 0;
        foreach (var order in batch.SwapOut) swapBlocks += order.Blocks.Count;
        foreach (var order in batch.SwapIn) swapBlocks += order.Blocks.Count;
        var sequences = batch.Sequences;
        var swap = swapBlocks * _blockBytes / HostLinkBandwidth;
        double seconds;
        if (_pipeline is not null && now is { } t)
        {
            var host = _predictor.Stages(Shape(sequences), _stageSeconds);
            seconds = _pipeline.Run(t + host + swap, _stageSeconds) - t;
        }
        else
        {
            seconds = PredictSeconds(sequences) + swap;
        }
        var count = 0;
        foreach (ref readonly var sequence in ScheduledBatch.Contiguous(sequences).AsSpan())
        {
            if (sequence.Samples) count++;
        }
        return new StepResult(seconds, new SampledTokenTable(ScheduledBatch.Contiguous(sequences), count, _model.Vocab));
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

    private StepShape Shape(IReadOnlyList<ScheduledSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var shape = default(StepShape);
        foreach (ref readonly var sequence in ScheduledBatch.Contiguous(sequences).AsSpan())
        {
            shape.Add(sequence.TokenCount, sequence.StartPosition);
            // A chunk that does not finish its prompt samples nothing, so it returns nothing to stream.
            if (_streams && sequence.Samples) shape.StreamedResponses++;
        }
        return shape;
    }
}
