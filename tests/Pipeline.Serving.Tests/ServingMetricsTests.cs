namespace Pipeline.Serving.Tests;

public sealed class ServingMetricsTests
{
    private static RequestTimeline Completed(int id, double arrival, int prompt, params double[] tokenTimes) => new(
        id, prompt, tokenTimes.Length, arrival, RequestStatus.Completed, null, tokenTimes[^1], [], tokenTimes,
        tokenTimes.Select((_, i) => i).ToArray(), [], null, null, [0]);

    private static readonly RequestTimeline[] Run =
    [
        Completed(0, 0, 10, 1, 2, 4),
        Completed(1, 1, 20, 3),
        new(2, 5, 5, 2, RequestStatus.Rejected, "too long", 2, [], [], [], [], null, null, []),
    ];

    [Fact]
    public void Counts_duration_and_throughputs_come_from_the_timelines()
    {
        var metrics = ServingMetrics.From(Run);
        (metrics.Arrived, metrics.Completed, metrics.Rejected).Should().Be((3, 2, 1));
        metrics.Duration.Should().Be(4);
        metrics.RequestThroughput.Should().Be(0.5);
        metrics.OutputThroughput.Should().Be(1);
        metrics.TotalTokenThroughput.Should().Be(8.5);
    }

    [Fact]
    public void Requests_in_flight_average_over_the_run_by_littles_law()
    {
        // By hand: request 0 is in the system from 0 to 4, request 1 from 1 to 3 (the rejected one never ran): one in
        // flight for 1 s, two for 2 s, one for 1 s, so 6 request-seconds over the run's 4 s.
        ServingMetrics.From(Run).MeanInFlight.Should().Be(1.5);
    }

    [Fact]
    public void Loadgens_completed_tokens_per_second_stops_at_the_end_of_the_last_query_issued()
    {
        // By hand: the last query issued arrives at 2 and is done at 5; the one issued first runs to 9. LoadGen divides
        // the 6 output tokens by 5 s (from the first arrival), not by the whole run's 9 s.
        RequestTimeline[] run = [Completed(0, 0, 10, 1, 2, 9), Completed(1, 1, 10, 3), Completed(2, 2, 10, 4, 5)];
        var metrics = ServingMetrics.From(run);
        metrics.FinalQueryDone.Should().Be(5);
        metrics.CompletedOutputThroughput.Should().BeApproximately(1.2, 1e-12);
        metrics.OutputThroughput.Should().Be(6.0 / 9);
    }

    [Fact]
    public void Latencies_follow_the_vllm_definitions()
    {
        var metrics = ServingMetrics.From(Run);
        metrics.Ttft.Mean.Should().Be(1.5);
        metrics.E2e.Mean.Should().Be(3);
        metrics.Tpot.Count.Should().Be(1, "a single-token request has no TPOT");
        metrics.Tpot.Mean.Should().Be(1.5, "(e2e - ttft) / (output - 1) = (4 - 1) / 2");
        metrics.Itl.Count.Should().Be(2);
        metrics.Itl.Max.Should().Be(2);
    }

    [Fact]
    public void Percentiles_interpolate_linearly_between_closest_ranks()
    {
        var stats = new LatencyStats([4, 1, 3, 2]);
        stats.Median.Should().Be(2.5);
        stats.P90.Should().BeApproximately(3.7, 1e-12);
        stats.Percentile(0).Should().Be(1);
        stats.Percentile(100).Should().Be(4);
        new LatencyStats([]).P99.Should().Be(0);
    }

    [Fact]
    public void Slo_verdicts_attainment_and_goodput()
    {
        var slo = new SloPlan([new SloLimit(LatencyMetric.Ttft, 99, 1.5, SloOrigin.Declared), new SloLimit(LatencyMetric.E2e, 50, 5, SloOrigin.Declared)]);
        var metrics = ServingMetrics.From(Run, slo);
        metrics.Slo[0].Observed.Should().Be(2.0, "SLO verdicts take LoadGen's nearest-rank percentile: the sorted value at floor(n x 0.99), here the largest");
        metrics.Slo[0].Met.Should().BeFalse();
        metrics.Slo[1].Met.Should().BeTrue();
        metrics.SloMet.Should().BeFalse();
        metrics.SloAttainment.Should().BeApproximately(1.0 / 3, 1e-12, "only request 0 meets both; the rejected one counts as a miss");
        metrics.Goodput.Should().Be(0.25);
    }
}
