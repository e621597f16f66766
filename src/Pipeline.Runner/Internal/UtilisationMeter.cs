using Pipeline.Plans;
using Pipeline.Serving.Accounting;
using Pipeline.Serving.Observation;

namespace Pipeline.Runner.Internal;

/// <summary>
/// Adds up a run's work from its step records as the run goes: tokens of each phase times the plan's model FLOPs per
/// token (the phase costs are per shard of the first pool, so times its tensor-parallel degree), and the bytes each
/// step reads. See <see cref="Utilisation"/>.
/// </summary>
internal sealed class UtilisationMeter : IServingObserver
{
    private readonly double _prefillFlopsPerToken;
    private readonly double _decodeFlopsPerToken;
    private readonly double _weightBytes;
    private readonly double _kvBytesPerToken;
    private readonly double _peakFlops;
    private readonly double _peakBandwidth;
    private long _prefillTokens;
    private long _decodeTokens;
    private long _decodeSteps;
    private double _prefillBytes;
    private double _decodeBytes;

    public UtilisationMeter(ExecutionPlan plan)
    {
        var tp = plan.Deployment.Pools[0].TensorParallel;
        var costs = plan.Costs;
        _prefillFlopsPerToken = costs.ReferencePromptTokens > 0 ? costs.Prefill.Flops * tp / costs.ReferencePromptTokens : 0;
        _decodeFlopsPerToken = costs.Decode.Flops * tp;
        var architecture = plan.Model.Architecture;
        _weightBytes = architecture.WeightBytes;
        _kvBytesPerToken = architecture.KvBytesPerToken;
        foreach (var pool in plan.Deployment.Pools)
        {
            var accelerators = (double)pool.Workers * pool.AcceleratorsPerWorker;
            _peakFlops += accelerators * (pool.Accelerator.PeakFlops(architecture.WeightType) ?? 0);
            _peakBandwidth += accelerators * pool.Accelerator.MemoryBandwidth;
        }
    }

    public void OnStep(WorkerStepRecord step)
    {
        _prefillTokens += step.PrefillTokens;
        _decodeTokens += step.DecodeSequences;
        if (step.DecodeSequences > 0) _decodeSteps++;
        var tokens = step.Tokens;
        if (tokens == 0) return;
        var bytes = _weightBytes + _kvBytesPerToken * step.ContextTokens;
        var prefillShare = (double)step.PrefillTokens / tokens;
        _prefillBytes += bytes * prefillShare;
        _decodeBytes += bytes * (1 - prefillShare);
    }

    public void OnKvTransfer(KvTransferRecord transfer)
    {
    }

    public void OnRequestFinished(RequestTimeline timeline)
    {
    }

    public Utilisation Result(double duration) => new(
        _prefillTokens, _decodeTokens, _prefillTokens * _prefillFlopsPerToken, _decodeTokens * _decodeFlopsPerToken,
        _prefillBytes, _decodeBytes, duration, _peakFlops, _peakBandwidth, _decodeSteps);
}
