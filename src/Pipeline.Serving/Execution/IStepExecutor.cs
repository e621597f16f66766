using Pipeline.Serving.Scheduling;

namespace Pipeline.Serving.Execution;

/// <summary>
/// Runs the steps a <see cref="Scheduler"/> decides, for one worker. The same scheduler and event loop drive
/// every executor; only where a step's duration comes from differs: measured around a synchronised run of
/// the real kernels (execute mode) or predicted by a cost model (simulate mode).
/// </summary>
public interface IStepExecutor : IDisposable
{
    /// <summary>What executes, e.g. <c>cost-model (h100-sxm x1)</c> or the engine backend's device name.</summary>
    string Device { get; }

    /// <summary>
    /// Performs the batch's swap-outs, swap-ins and forward pass; returns its duration in seconds and a token
    /// for every sequence whose <see cref="ScheduledSequence.Samples"/> is set.
    /// </summary>
    StepResult Execute(ScheduledBatch batch);

    /// <summary>
    /// <see cref="Execute(ScheduledBatch)"/> at loop time <paramref name="now"/>: executors whose steps queue behind
    /// other workers' (pipeline stages shared by a replica's micro-batch slots) need it; the rest ignore it.
    /// </summary>
    StepResult Execute(ScheduledBatch batch, double now) => Execute(batch);

    /// <summary>Disaggregation, prefill side: reads a request's KV blocks for transfer (with the seconds it took or will take on the link).</summary>
    KvSnapshot ExportKv(int requestId, IReadOnlyList<int> blocks);

    /// <summary>Disaggregation, decode side: writes a transferred snapshot into <paramref name="blocks"/>; returns the seconds it took.</summary>
    double ImportKv(KvSnapshot snapshot, IReadOnlyList<int> blocks);
}
