using System.Globalization;
using Pipeline.Plans;
using Pipeline.Runner.Validity;
using Pipeline.Serving.Accounting;

namespace Pipeline.Runner;

/// <summary>
/// Judges a finished run as MLPerf LoadGen does (<c>results.cc</c>) and says why it is INVALID:
/// <list type="bullet">
/// <item>Server and Interactive: every latency limit's percentile (LoadGen's nearest rank over the samples) is within
/// the limit, and early stopping passes for it (<see cref="EarlyStopping"/>; a query never answered counts as over).</item>
/// <item>Every scenario: at least <c>min_queries</c> issued; the minimum duration reached (Offline: until the last query
/// is done; the others: the last query issued at or after it, as LoadGen measures); every query answered (LoadGen has no
/// way to drop one); not stopped early.</item>
/// <item>SingleStream: enough queries for LoadGen's early-stopping estimate of the p90 latency.</item>
/// </list>
/// A run that is INVALID still reports its figures, with every reason and the measured percentiles.
/// </summary>
public static class RunValidity
{
    /// <summary>LoadGen's SingleStream target latency percentile.</summary>
    public const double SingleStreamPercentile = 90;

    /// <summary>The reasons the run is not a valid benchmark result; empty when it is valid.</summary>
    public static IReadOnlyList<string> Check(BenchmarkPlan benchmark, ServingMetrics metrics, string? abortReason) =>
        Judge(benchmark, metrics, abortReason).Reasons;

    /// <summary>Judges the run: each check with its figures, and the reasons it is INVALID.</summary>
    public static RunVerdict Judge(BenchmarkPlan benchmark, ServingMetrics metrics, string? abortReason)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentNullException.ThrowIfNull(metrics);
        var scenario = benchmark.Scenario;
        var reasons = new List<string>();
        if (abortReason is not null) reasons.Add($"the run stopped early: {abortReason}");

        var limits = scenario is Scenario.Server or Scenario.Interactive
            ? benchmark.Slo.Limits.Select(limit => CheckLimit(limit, metrics)).ToArray()
            : [];
        foreach (var check in limits)
        {
            var name = Name(check.Limit);
            if (!check.Met)
            {
                reasons.Add(Invariant($"{name} is {Ms(check.Measured)}, over the limit of {Ms(check.Limit.Limit)}"));
            }
            if (!check.EarlyStoppingMet)
            {
                reasons.Add(Invariant(
                    $"early stopping: {check.OverLimit} of {check.Queries} queries over the {name} limit; LoadGen needs at least {check.QueriesNeeded} queries to show the percentile holds (99% confidence)"));
            }
        }

        if (metrics.Arrived < benchmark.MinQueryCount)
        {
            reasons.Add(Invariant($"{metrics.Arrived} queries issued, fewer than min_queries ({benchmark.MinQueryCount})"));
        }
        var measured = scenario == Scenario.Offline ? metrics.Duration : metrics.LastArrival;
        if (benchmark.Duration is { } minimum && measured < minimum)
        {
            reasons.Add(scenario == Scenario.Offline
                ? Invariant($"the run lasted {measured:0.###} s, less than the minimum duration ({minimum:0.###} s)")
                : Invariant($"the last query was issued at {measured:0.###} s, before the minimum duration ({minimum:0.###} s)"));
        }
        if (metrics.Rejected > 0 && abortReason is null)
        {
            reasons.Add(Invariant($"{metrics.Rejected} queries were rejected (LoadGen needs every query answered)"));
        }

        double? estimate = null;
        long? needed = null;
        if (scenario == Scenario.SingleStream)
        {
            var fraction = SingleStreamPercentile / 100;
            needed = EarlyStopping.MinQueriesForEstimate(fraction);
            estimate = EarlyStopping.Estimate(metrics.E2e.Sorted, fraction);
            if (metrics.Arrived < needed)
            {
                reasons.Add(Invariant(
                    $"early stopping: {metrics.Arrived} queries are too few to estimate the p{SingleStreamPercentile:0} latency; LoadGen needs at least {needed}"));
            }
        }
        return new RunVerdict(scenario, limits, metrics.Arrived, benchmark.MinQueryCount, measured, benchmark.Duration,
            metrics.Rejected, estimate, needed, reasons);
    }

    private static LimitCheck CheckLimit(SloLimit limit, ServingMetrics metrics)
    {
        var stats = limit.Metric switch
        {
            LatencyMetric.Ttft => metrics.Ttft,
            LatencyMetric.Tpot => metrics.Tpot,
            LatencyMetric.Itl => metrics.Itl,
            _ => metrics.E2e,
        };
        // Unanswered queries never met the limit: no first token (TTFT), or never completed (the others).
        var unanswered = limit.Metric == LatencyMetric.Ttft ? metrics.Arrived - metrics.Ttft.Count : metrics.Rejected;
        var queries = limit.Metric == LatencyMetric.Itl ? stats.Count + unanswered : metrics.Arrived;
        var over = stats.CountAbove(limit.Limit) + unanswered;
        var needed = EarlyStopping.MinPassing(over, limit.Percentile / 100) + over;
        var measured = unanswered > 0 && stats.Count == 0 ? double.PositiveInfinity : stats.LoadGenPercentile(limit.Percentile);
        return new LimitCheck(limit, measured, queries, over, needed);
    }

    private static string Name(SloLimit limit) => Invariant($"p{limit.Percentile:0.###} {limit.Metric.ToString().ToUpperInvariant()}");

    private static string Ms(double seconds) => double.IsPositiveInfinity(seconds) ? "unmeasured (nothing answered)" : Invariant($"{seconds * 1000:0.#} ms");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
