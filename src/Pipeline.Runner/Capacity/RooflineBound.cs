using Pipeline.Plans;
using Pipeline.Plans.Costs;
using Pipeline.Serving.Workload;

namespace Pipeline.Runner.Capacity;

/// <summary>
/// An upper bound on the Poisson rate (or a trace's mean rate) at which a deployment's run can be VALID, from the cost model alone (no run).
/// A VALID run meets each TTFT limit <c>ttft pP &lt;= Lt</c> at LoadGen's nearest rank, so at least
/// <c>k = floor(n P / 100) + 1</c> of its <c>n</c> queries see their first token, hence have their whole prompt
/// prefilled, within <c>Lt</c> of arriving, so by <c>t_last + Lt</c>, where <c>t_last</c> is the last arrival. Those
/// prompts hold at least <c>S_k</c> tokens, the sum of the <c>k</c> shortest prompts of the run, and the pool that
/// prefills can do at most <c>C</c> tokens per second (<see cref="PrefillCeiling"/>). So
/// <c>S_k / C &lt;= t_last + Lt</c>. A peak search issues the same <c>n</c> queries at every rate with the same
/// uniform draws, so <c>t_last = c / R</c> (<c>c</c> the last arrival at 1 req/s), and every VALID rate satisfies
/// <c>R &lt;= c / (S_k / C - Lt)</c> when <c>S_k / C &gt; Lt</c>. The bound is the smallest over the TTFT limits,
/// and infinite (no bound) without a TTFT limit, or when the run's query count depends on the rate (a minimum
/// duration, or a workload bounded by time).
/// </summary>
public static class RooflineBound
{
    /// <summary>The highest rate, requests per second, at which <paramref name="plan"/>'s run can be VALID; infinity when unbounded.</summary>
    /// <param name="plan">A compiled experiment with Poisson arrivals or a trace (infinity for other arrivals).</param>
    /// <param name="seed">The seed the runs use (<see cref="RunOptions.Seed"/>), or null for the workload's.</param>
    public static double PeakRate(ExperimentPlan plan, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var benchmark = plan.Benchmark;
        var workload = seed is { } s ? benchmark.Workload with { Seed = s } : benchmark.Workload;
        var ttft = benchmark.Slo.Limits.Where(l => l.Metric == LatencyMetric.Ttft).ToArray();
        // A trace's probes scale its arrival times by 1 / R as a Poisson rate's do (a probe sets the trace's speed).
        if (Search.PeakRateSearch.StartRate(plan) is not { } rate || ttft.Length == 0 || benchmark.Duration is not null
            || workload.Duration is not null || workload.Requests is not { } requests)
        {
            return double.PositiveInfinity;
        }
        var n = Math.Max(requests, benchmark.MinQueryCount);
        var (stream, _) = RequestStream.Open(workload, plan.Execution.Model.Architecture.Vocab);
        if (stream is null) return double.PositiveInfinity;
        var prompts = new long[n];
        var lastArrival = 0.0;
        for (var i = 0; i < n && stream.TryNext(out var request, beyondBounds: true); i++)
        {
            prompts[i] = request.PromptLength;
            lastArrival = request.ArrivalTime;
        }
        Array.Sort(prompts);
        var arrivalsAtOne = lastArrival * rate;
        var pool = plan.Execution.Deployment.Pools.First(p => p.Role != PoolRole.Decode);
        var ceiling = PrefillCeiling.TokensPerSecond(plan.Execution.Model.Architecture, pool);
        var bound = double.PositiveInfinity;
        foreach (var limit in ttft)
        {
            // LoadGen's nearest rank, computed as LatencyStats.LoadGenPercentile computes it.
            var k = (int)Math.Min(n, (long)(n * (limit.Percentile / 100)) + 1);
            var prefill = prompts.Take(k).Sum() / ceiling;
            if (prefill > limit.Limit) bound = Math.Min(bound, arrivalsAtOne / (prefill - limit.Limit));
        }
        return bound;
    }
}
