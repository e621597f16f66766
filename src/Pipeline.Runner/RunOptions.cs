using Pipeline.Plans;
using Pipeline.Serving.Execution;
using Pipeline.Serving.Observation;

namespace Pipeline.Runner;

/// <summary>How to run an experiment.</summary>
/// <param name="Seed">Overrides the workload's seed (arrivals, lengths, prompt tokens).</param>
/// <param name="Progress">Receives progress as requests finish (synchronously, on the running thread).</param>
/// <param name="MaxWallClock">Stops the run gracefully after this much real time (unfinished requests are rejected with the reason).</param>
/// <param name="Cancellation">Stops the run gracefully, like <paramref name="MaxWallClock"/>, with the reason <see cref="ExperimentRunner.Interrupted"/>.</param>
/// <param name="Observers">Receive every step, KV transfer and finished timeline as the run goes (reports stream from these).</param>
/// <param name="KeepTimelines">
/// When false, <see cref="RunResult.Timelines"/> is empty: finished timelines go to <paramref name="Observers"/> only
/// and the metrics are accumulated as they finish, so memory follows the requests in flight, not the run's length.
/// </param>
/// <param name="Executors">
/// Makes each worker's executor (pool, worker index) instead of the plan's mode: a planted service time for tests of
/// what the runner builds on top of runs (validity, peak search). Null runs the plan's mode.
/// </param>
/// <param name="SingleStreamQueries">
/// The most queries a single-stream run issues before it stops (with the reason) short of its duration: its count follows
/// its latencies, so the compiler cannot bound it. Null is the mode's request bound (<see cref="RunLimits"/>).
/// </param>
public sealed record RunOptions(
    int? Seed = null,
    IProgress<RunProgress>? Progress = null,
    TimeSpan? MaxWallClock = null,
    CancellationToken Cancellation = default,
    IReadOnlyList<IServingObserver>? Observers = null,
    bool KeepTimelines = true,
    Func<WorkerPoolPlan, int, IStepExecutor>? Executors = null,
    int? SingleStreamQueries = null)
{
    /// <summary>Defaults: the plan's seed, no progress, no limits.</summary>
    public static RunOptions Default { get; } = new();
}
