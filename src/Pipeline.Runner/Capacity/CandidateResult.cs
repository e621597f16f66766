namespace Pipeline.Runner.Capacity;

/// <summary>
/// One capacity candidate's result, keyed by its index: a function of (experiment text, candidate index, seed) only,
/// so candidates can run anywhere, in any order, and be merged.
/// </summary>
/// <param name="Index">The candidate's index in the plan.</param>
/// <param name="Label">Its settings, <c>path = value, ...</c>.</param>
/// <param name="Accelerators">What it rents, e.g. <c>4 x h200</c> or <c>prefill 2 x h100-sxm + decode 4 x h200</c>.</param>
/// <param name="AcceleratorCount">Accelerators in all (every pool's workers x tp x pp).</param>
/// <param name="UsdPerHour">Rental cost of all of them, US dollars per hour (0 when infeasible).</param>
/// <param name="Outcome">Infeasible, pruned or searched.</param>
/// <param name="Reason">Why it is infeasible or pruned, or why the search did not bracket a peak; null otherwise.</param>
/// <param name="Bound">The roofline bound on a VALID rate, req/s (infinity when none applies; NaN when infeasible).</param>
/// <param name="PeakRate">The highest VALID Poisson rate found, req/s (the peak goodput under the SLOs); null when none.</param>
/// <param name="Goodput">Goodput measured in the peak run (requests meeting every SLO per second of run), req/s.</param>
/// <param name="OutputTokensPerSecond">Output tokens per second of the peak run, as LoadGen counts them (up to the end of the last query issued).</param>
/// <param name="Probes">Runs the search made.</param>
/// <param name="MeetsTraffic">True when the peak is at least the traffic's rate (for a trace: its replay as written was VALID, the search's first probe).</param>
public sealed record CandidateResult(
    int Index,
    string Label,
    string Accelerators,
    int AcceleratorCount,
    double UsdPerHour,
    CandidateOutcome Outcome,
    string? Reason,
    double Bound,
    double? PeakRate,
    double? Goodput,
    double? OutputTokensPerSecond,
    int Probes,
    bool MeetsTraffic)
{
    /// <summary>The rate the candidate sustains under the SLOs, as the table's Pareto front and plot rank it: its peak; null without one.</summary>
    public double? Sustained => PeakRate;

    /// <summary>US dollars per million output tokens at the peak (the rental cost over the peak run's output rate); null without a peak.</summary>
    public double? UsdPerMillionOutputTokens =>
        OutputTokensPerSecond is { } tokens && tokens > 0 ? UsdPerHour / (tokens * 3600) * 1e6 : null;
}
