using Pipeline.Plans;

namespace Pipeline.Runner.Validity;

/// <summary>One latency limit judged as LoadGen judges it: the percentile against the limit, and early stopping.</summary>
/// <param name="Limit">The limit (metric, percentile, seconds).</param>
/// <param name="Measured">The metric's percentile over the run (LoadGen's nearest rank), seconds.</param>
/// <param name="Queries">Queries the early-stopping test counts (issued; every inter-token gap for ITL).</param>
/// <param name="OverLimit">Of those, how many were over the limit (an unanswered query counts as over).</param>
/// <param name="QueriesNeeded">Queries LoadGen needs with that many over the limit (h + t).</param>
public sealed record LimitCheck(SloLimit Limit, double Measured, int Queries, int OverLimit, long QueriesNeeded)
{
    /// <summary>The percentile is within the limit (LoadGen's performance constraint).</summary>
    public bool Met => Measured <= Limit.Limit;

    /// <summary>Enough queries were issued for the over-limit count seen (LoadGen's early stopping).</summary>
    public bool EarlyStoppingMet => Queries >= QueriesNeeded;
}

/// <summary>
/// A run judged as MLPerf LoadGen judges it (<c>mlperf_log_summary.txt</c>'s "Result is : VALID"): performance
/// constraints (Server and Interactive: every latency limit's percentile within it), minimum duration, minimum query
/// count, early stopping, every query answered, and not stopped early. <see cref="Reasons"/> says why a run is INVALID.
/// </summary>
/// <param name="Scenario">The scenario it was judged under.</param>
/// <param name="Limits">Each latency limit checked (Server and Interactive only; empty otherwise).</param>
/// <param name="QueriesIssued">Queries issued (arrived).</param>
/// <param name="MinQueries">The benchmark's minimum query count.</param>
/// <param name="MeasuredDuration">The duration LoadGen compares with the minimum: the time of the last query issued (Server, Interactive, SingleStream), or of the last query done (Offline).</param>
/// <param name="MinDuration">The benchmark's minimum duration, if any.</param>
/// <param name="Rejected">Queries that were never answered.</param>
/// <param name="SingleStreamEstimate">SingleStream: LoadGen's early-stopping estimate of the p90 latency, when there were enough queries.</param>
/// <param name="SingleStreamQueriesNeeded">SingleStream: queries LoadGen needs before it estimates the p90 latency.</param>
/// <param name="Reasons">Why the run is INVALID, every reason with its figures; empty when VALID.</param>
public sealed record RunVerdict(
    Scenario Scenario,
    IReadOnlyList<LimitCheck> Limits,
    int QueriesIssued,
    int MinQueries,
    double MeasuredDuration,
    double? MinDuration,
    int Rejected,
    double? SingleStreamEstimate,
    long? SingleStreamQueriesNeeded,
    IReadOnlyList<string> Reasons)
{
    /// <summary>LoadGen's "Result is : VALID".</summary>
    public bool IsValid => Reasons.Count == 0;

    /// <summary>Every latency limit's percentile is within it.</summary>
    public bool PerformanceConstraintsMet => Limits.All(l => l.Met);

    /// <summary>The run lasted at least the minimum duration.</summary>
    public bool MinDurationMet => MinDuration is not { } minimum || MeasuredDuration >= minimum;

    /// <summary>At least the minimum query count was issued.</summary>
    public bool MinQueriesMet => QueriesIssued >= MinQueries;

    /// <summary>Early stopping passed for every limit (and, for SingleStream, there were enough queries to estimate p90).</summary>
    public bool EarlyStoppingMet => Limits.All(l => l.EarlyStoppingMet)
        && (SingleStreamQueriesNeeded is not { } needed || QueriesIssued >= needed);
}
