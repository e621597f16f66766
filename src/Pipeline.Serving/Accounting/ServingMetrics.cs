using Pipeline.Plans;

namespace Pipeline.Serving.Accounting;

/// <summary>
/// The metrics of a run, computed from request timelines only. Duration runs from the first arrival to the last
/// completion or rejection. Throughputs count completed requests and their tokens (vLLM's convention).
/// TTFT covers requests that produced a token; TPOT, E2E cover completed requests (TPOT needs two tokens); ITL
/// pools every gap between consecutive tokens of completed requests. Percentiles: see <see cref="LatencyStats"/>.
/// SLOs: each limit's verdict compares the run's percentile, computed as MLPerf LoadGen computes it
/// (<see cref="LatencyStats.LoadGenPercentile"/>), with the limit; a request meets the SLO when all its
/// own values are within every limit (its own ITL percentile for ITL limits); attainment is the share of arrived
/// requests that completed and met it, goodput their number per second (DistServe's definition).
/// The formulas live in <see cref="ServingMetricsBuilder"/>, which also measures a streamed run.
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

    /// <summary>When the last request arrived (LoadGen's time of the final query issued), seconds.</summary>
    public double LastArrival { get; init; }

    /// <summary>
    /// When the last request to arrive was done, seconds from the first arrival (LoadGen's
    /// <c>final_query_all_samples_done_time</c>): a Server run's tail of long requests issued before it is not waited for.
    /// </summary>
    public double FinalQueryDone { get; init; }

    /// <summary>
    /// LoadGen's Server figure, "Completed tokens per second": output tokens over <see cref="FinalQueryDone"/>
    /// (loadgen/results.cc, <c>token_count / pr.final_query_all_samples_done_time</c>).
    /// </summary>
    public double CompletedOutputThroughput => FinalQueryDone > 0 ? OutputTokens / FinalQueryDone : 0;

    /// <summary>
    /// The output tokens per second LoadGen reports for <paramref name="scenario"/>: Offline's over the whole run,
    /// every other scenario's up to the end of the last query issued (<see cref="CompletedOutputThroughput"/>; in a
    /// single stream the last issued is the last done, so the two agree there).
    /// </summary>
    public double LoadGenOutputThroughput(Scenario scenario) => scenario == Scenario.Offline ? OutputThroughput : CompletedOutputThroughput;

    /// <summary>
    /// LoadGen's Server "Completed samples per second": completed requests less one over <see cref="FinalQueryDone"/>
    /// (the final sample opens the interval's end, loadgen/results.cc).
    /// </summary>
    public double CompletedRequestThroughput => FinalQueryDone > 0 ? Math.Max(0, Completed - 1) / FinalQueryDone : 0;

    /// <summary>
    /// Completed requests in the system on average over the run, by Little's law: their summed times from arrival to
    /// completion over the duration (completed requests per second times the mean E2E latency). The batch a run
    /// settles at: near saturation a small change in capacity moves it, and every step's time with it.
    /// </summary>
    public double MeanInFlight => Duration > 0 ? Completed * E2e.Mean / Duration : 0;

    /// <summary>True when every limit was met; null when there are none.</summary>
    public bool? SloMet => Slo.Count == 0 ? null : Slo.All(v => v.Met);

    /// <summary>Computes the metrics of a run.</summary>
    /// <param name="timelines">Every request's timeline.</param>
    /// <param name="slo">Limits to judge, if any.</param>
    public static ServingMetrics From(IReadOnlyList<RequestTimeline> timelines, SloPlan? slo = null)
    {
        ArgumentNullException.ThrowIfNull(timelines);
        var builder = new ServingMetricsBuilder(slo);
        foreach (var timeline in timelines)
        {
            builder.Add(timeline);
        }
        return builder.Build();
    }
}
