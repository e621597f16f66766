using Pipeline.Core.Diagnostics;
using Pipeline.Plans;
using Pipeline.Runner.Validity;
using Pipeline.Serving.Accounting;

namespace Pipeline.Runner;

/// <summary>What running an experiment produced.</summary>
/// <param name="Experiment">Experiment name.</param>
/// <param name="Mode">Execute or simulate.</param>
/// <param name="Policy">The batching policy in words, e.g. <c>continuous (mixed prefill), max_batch 64, max_batched_tokens 8192, recompute</c>.</param>
/// <param name="Deployment">The deployment in words, e.g. <c>colocated 1 worker</c> or <c>disaggregated 1 prefill + 1 decode</c>.</param>
/// <param name="Device">What executed the steps (backend device name, or the cost model).</param>
/// <param name="Timelines">Every request's timeline.</param>
/// <param name="Metrics">Metrics computed from the timelines.</param>
/// <param name="Diagnostics">User errors that stopped the run before it started (e.g. a bad trace file); empty on success.</param>
/// <param name="AbortReason">Why the run stopped early (wall-clock limit, cancellation), if it did.</param>
/// <param name="WallSeconds">Real seconds the run took.</param>
/// <param name="InvalidReasons">Why the run is not a valid benchmark result (see <see cref="RunValidity"/>); empty when valid.</param>
/// <param name="Verdict">The run judged as LoadGen judges it, check by check (null when it never ran).</param>
/// <param name="Utilisation">Model-FLOPs and memory-bandwidth utilisation per phase (null when it never ran).</param>
public sealed record RunResult(
    string Experiment,
    BenchmarkMode Mode,
    string Policy,
    string Deployment,
    string Device,
    IReadOnlyList<RequestTimeline> Timelines,
    ServingMetrics Metrics,
    IReadOnlyList<Diagnostic> Diagnostics,
    string? AbortReason,
    double WallSeconds,
    IReadOnlyList<string>? InvalidReasons = null,
    RunVerdict? Verdict = null,
    Utilisation? Utilisation = null)
{
    /// <summary>True when the run succeeded and LoadGen would call it VALID (see <see cref="RunValidity"/>).</summary>
    public bool IsValid => Succeeded && (InvalidReasons is null || InvalidReasons.Count == 0);

    /// <summary>True when no error diagnostic was reported (the run itself worked; see <see cref="IsValid"/> for the benchmark's rules).</summary>
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);
}
