using Pipeline.Plans;

namespace Pipeline.Serving.Accounting;

/// <summary>
/// The metrics of a run, computed from request timelines only. Duration runs from the first arrival to the last
/// completion or rejection. Throughputs count completed requests and their tokens (vLLM's convention).
/// TTFT covers requests that produced a token; TPOT, E2E cover completed requests (TPOT needs two tokens); ITL
/// pools every gap between consecutive tokens of completed requests. Percentiles: see <see cref="LatencyStats"/>.
/// SLOs: each limit's verdict compares the run's percentile with the limit; a request meets the SLO when all its
/// own values are within every limit (its own ITL percentile for ITL limits); attainment is the share of arrived
/// requests that completed and met it, goodput their number per second (DistServe's definition).
/// </summary>
public sealed record ServingMetrics(
    int Arrived,
    int Completed,
    int Rejected,
    int Preemptions,
    double Duration,
    long InputTokens,
    long OutputTokens,
    LatencyStats Ttft,
    LatencyStats Tpot,
    LatencyStats Itl,
    LatencyStats E2e,
    IReadOnlyList<SloVerdict> Slo,
    double SloAttainment,
    double Goodput)
{
    /// <summary>Completed requests per second.</summary>
    public double RequestThroughput => Duration > 0 ? Completed / Duration : 0;

    /// <summary>Output tokens per second.</summary>
    public double OutputThroughput => Duration > 0 ? OutputTokens / Duration : 0;

    /// <summary>Prompt plus output tokens per second.</summary>
    public double TotalTokenThroughput => Duration > 0 ? (InputTokens + OutputTokens) / Duration : 0;

    /// <summary>True when every limit was met; null when there are none.</summary>
    public bool? SloMet => Slo.Count == 0 ? null : Slo.All(v => v.Met);

    /// <summary>Computes the metrics of a run.</summary>
    /// <param name="timelines">Every request's timeline.</param>
    /// <param name="slo">Limits to judge, if any.</param>
    public static ServingMetrics From(IReadOnlyList<RequestTimeline> timelines, SloPlan? slo = null)
    {
        ArgumentNullException.ThrowIfNull(timelines);
        var completed = timelines.Where(t => t.IsCompleted).ToArray();
        var duration = timelines.Count == 0 ? 0 : timelines.Max(t => t.End) - timelines.Min(t => t.Arrival);
        var ttft = new LatencyStats(timelines.Where(t => t.Ttft is not null).Select(t => t.Ttft!.Value));
        var tpot = new LatencyStats(completed.Where(t => t.Tpot is not null).Select(t => t.Tpot!.Value));
        var itl = new LatencyStats(completed.SelectMany(t => t.InterTokenLatencies));
        var e2e = new LatencyStats(completed.Select(t => t.E2e!.Value));
        var limits = slo?.Limits ?? [];
        var verdicts = limits.Select(limit =>
        {
            var stats = limit.Metric switch
            {
                LatencyMetric.Ttft => ttft,
                LatencyMetric.Tpot => tpot,
                LatencyMetric.Itl => itl,
                _ => e2e,
            };
            var observed = stats.Percentile(limit.Percentile);
            return new SloVerdict(limit, observed, completed.Length > 0 && observed <= limit.Limit);
        }).ToArray();
        var good = completed.Count(t => limits.All(limit => Meets(t, limit)));
        return new ServingMetrics(
            timelines.Count,
            completed.Length,
            timelines.Count(t => t.Status == RequestStatus.Rejected), // counted, not the difference, so a lost request shows
            timelines.Sum(t => t.Preemptions.Count),
            duration,
            completed.Sum(t => (long)t.PromptTokens),
            completed.Sum(t => (long)t.TokenTimes.Count),
            ttft, tpot, itl, e2e,
            verdicts,
            timelines.Count == 0 ? 0 : (double)good / timelines.Count,
            duration > 0 ? good / duration : 0);
    }

    private static bool Meets(RequestTimeline t, SloLimit limit) => limit.Metric switch
    {
        LatencyMetric.Ttft => t.Ttft <= limit.Limit,
        LatencyMetric.Tpot => t.Tpot is not { } tpot || tpot <= limit.Limit,
        LatencyMetric.Itl => new LatencyStats(t.InterTokenLatencies).Percentile(limit.Percentile) <= limit.Limit,
        _ => t.E2e <= limit.Limit,
    };
}
