using Pipeline.Plans;
using Pipeline.Serving.Execution;

namespace Pipeline.Runner;

/// <summary>How to run an experiment.</summary>
/// <param name="Seed">Overrides the workload's seed (arrivals, lengths, prompt tokens).</param>
/// <param name="Progress">Receives progress as requests finish (synchronously, on the running thread).</param>
/// <param name="MaxWallClock">Stops the run gracefully after this much real time (unfinished requests are rejected with the reason).</param>
/// <param name="Cancellation">Stops the run gracefully, like <paramref name="MaxWallClock"/>, with the reason <see cref="ExperimentRunner.Interrupted"/>.</param>
/// <param name="Executors">
/// Makes each worker's executor (pool, worker index) instead of the plan's mode: a planted service time for tests of
/// what the runner builds on top of runs (validity, peak search). Null runs the plan's mode.
/// </param>
public sealed record RunOptions(
    int? Seed = null,
    IProgress<RunProgress>? Progress = null,
    TimeSpan? MaxWallClock = null,
    CancellationToken Cancellation = default,
    Func<WorkerPoolPlan, int, IStepExecutor>? Executors = null)
{
    /// <summary>Defaults: the plan's seed, no progress, no limits.</summary>
    public static RunOptions Default { get; } = new();
}
