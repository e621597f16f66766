using System.Globalization;
using Pipeline.Plans;
using Pipeline.Serving.Accounting;

namespace Pipeline.Runner;

/// <summary>
/// MLPerf-style validity of a finished run: a run that completed fewer queries than <c>min_queries</c>, or lasted
/// less than the benchmark's minimum duration, still reports its figures but is marked invalid with the reason,
/// as LoadGen marks such a result INVALID.
/// </summary>
public static class RunValidity
{
    /// <summary>The reasons the run is not a valid benchmark result; empty when it is valid.</summary>
    public static IReadOnlyList<string> Check(BenchmarkPlan benchmark, ServingMetrics metrics, string? abortReason)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentNullException.ThrowIfNull(metrics);
        var reasons = new List<string>();
        if (abortReason is not null) reasons.Add($"the run stopped early: {abortReason}");
        if (metrics.Completed < benchmark.MinQueryCount)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"{metrics.Completed} queries completed, fewer than min_queries ({benchmark.MinQueryCount})"));
        }
        if (benchmark.Duration is { } minimum && metrics.Duration < minimum)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"the run lasted {metrics.Duration:0.###} s, less than the benchmark's minimum duration ({minimum:0.###} s)"));
        }
        return reasons;
    }
}
