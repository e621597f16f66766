using Pipeline.Runner.Validity;

namespace Pipeline.Runner.Tests;

/// <summary>Runs judged as MLPerf LoadGen judges them, on hand-built timelines.</summary>
public sealed class RunValidityTests
{
    private static readonly SloPlan Limits = new([
        new SloLimit(LatencyMetric.Ttft, 99, 2.0, SloOrigin.MlperfDefault),
        new SloLimit(LatencyMetric.Tpot, 99, 0.2, SloOrigin.MlperfDefault),
    ]);

    private static BenchmarkPlan Benchmark(Scenario scenario = Scenario.Server, double? minDuration = 5, int minQueries = 10) => new(
        scenario, BenchmarkMode.Simulate,
        new WorkloadPlan(new PoissonArrivals(1), new FixedLength(8), new FixedLength(11), 1000, null, 1),
        Limits, minDuration, minQueries, 1, [], null);

    /// <summary>A completed request: first token after <paramref name="ttft"/>, ten more tokens <paramref name="tpot"/> apart.</summary>
    private static RequestTimeline Done(int id, double arrival, double ttft, double tpot, int tokens = 11)
    {
        var times = Enumerable.Range(0, tokens).Select(i => arrival + ttft + i * tpot).ToArray();
        return new RequestTimeline(id, 8, tokens, arrival, RequestStatus.Completed, null, times[^1], [], times,
            Enumerable.Repeat(1, tokens).ToArray(), [], null, null, [0]);
    }

    private static RequestTimeline Rejected(int id, double arrival) =>
        new(id, 8, 11, arrival, RequestStatus.Rejected, "too long", arrival, [], [], [], [], null, null, []);

    /// <summary><paramref name="count"/> requests a second apart; the ones in <paramref name="slow"/> take <paramref name="slowTtft"/> to their first token.</summary>
    private static List<RequestTimeline> Run(int count, ISet<int>? slow = null, double slowTtft = 3, double tpot = 0.1) =>
        Enumerable.Range(0, count).Select(i => Done(i, i, slow?.Contains(i) == true ? slowTtft : 0.5, tpot)).ToList();

    private static RunVerdict Judge(IReadOnlyList<RequestTimeline> timelines, BenchmarkPlan? benchmark = null, string? abort = null)
    {
        benchmark ??= Benchmark();
        return RunValidity.Judge(benchmark, ServingMetrics.From(timelines, benchmark.Slo), abort);
    }

    [Theory]
    [InlineData(0, 0.99, 459)]
    [InlineData(1, 0.99, 661)]
    [InlineData(10, 0.99, 2000)]
    [InlineData(1, 0.90, 63)]
    [InlineData(2, 0.90, 79)]
    public void Early_stopping_needs_the_queries_loadgen_computes(int overLimit, double percentile, long within)
    {
        // 459: (0.99)^h < 0.01; 661 + 1 = 662 is LoadGen's MultiStream minimum query count; the rest from the binomial CDF.
        EarlyStopping.MinPassing(overLimit, percentile).Should().Be(within);
    }

    [Fact]
    public void Loadgen_tpot_of_a_sample_is_latency_minus_ttft_over_output_tokens_minus_one()
    {
        var timeline = Done(0, arrival: 10, ttft: 1, tpot: 0.2);
        var latency = timeline.E2e!.Value;
        timeline.Tpot.Should().BeApproximately((latency - timeline.Ttft!.Value) / (timeline.TokenTimes.Count - 1), 1e-12);
        timeline.Tpot.Should().BeApproximately(0.2, 1e-12);
    }

    [Fact]
    public void A_server_run_within_its_limits_with_enough_queries_is_valid()
    {
        var verdict = Judge(Run(500));
        verdict.Reasons.Should().BeEmpty();
        verdict.IsValid.Should().BeTrue();
        verdict.Limits.Select(l => l.Measured).Should().Equal(0.5, 0.1);
    }

    [Fact]
    public void The_p99_is_loadgens_nearest_rank_and_a_limit_holds_up_to_and_including_its_value()
    {
        // 1000 queries: LoadGen's p99 is the sorted value at index floor(1000 x 0.99) = 990, the 10th highest: nine slow
        // queries stay above it, ten reach it (numpy's interpolated p99 would still be 0.5 s then).
        var nine = Judge(Run(1000, Enumerable.Range(0, 9).ToHashSet(), slowTtft: 5));
        nine.Limits[0].Measured.Should().Be(0.5);
        nine.Limits[0].Met.Should().BeTrue();
        var ten = Judge(Run(1000, Enumerable.Range(0, 10).ToHashSet(), slowTtft: 5));
        ten.Limits[0].Measured.Should().Be(5);
        ten.IsValid.Should().BeFalse();
        ten.Reasons.Should().Contain("p99 TTFT is 5000 ms, over the limit of 2000 ms");
        var atTheLimit = Judge(Run(1000, Enumerable.Range(0, 10).ToHashSet(), slowTtft: 2.0));
        atTheLimit.Limits[0].Met.Should().BeTrue("a percentile equal to the limit is within it");
    }

    [Fact]
    public void Too_few_queries_for_early_stopping_make_a_run_within_its_limits_invalid()
    {
        var short458 = Judge(Run(458));
        short458.IsValid.Should().BeFalse();
        short458.PerformanceConstraintsMet.Should().BeTrue();
        short458.Reasons.Should().HaveCount(2).And.OnlyContain(r => r.Contains("LoadGen needs at least 459 queries"));
        Judge(Run(459)).IsValid.Should().BeTrue();
    }

    [Fact]
    public void Queries_over_the_limit_raise_the_count_early_stopping_needs()
    {
        // Ten over the TTFT limit need 2000 within it: 2010 queries pass, 2009 do not.
        var slow = Enumerable.Range(0, 10).ToHashSet();
        var verdict = Judge(Run(2009, slow, slowTtft: 5));
        verdict.Limits[0].Met.Should().BeTrue();
        verdict.Limits[0].EarlyStoppingMet.Should().BeFalse();
        verdict.Limits[0].QueriesNeeded.Should().Be(2010);
        verdict.Reasons.Should().ContainSingle().Which.Should().Contain("10 of 2009 queries over the p99 TTFT limit");
        Judge(Run(2010, slow, slowTtft: 5)).IsValid.Should().BeTrue();
    }

    [Fact]
    public void An_invalid_server_run_lists_every_reason_with_the_measured_percentiles()
    {
        var timelines = Run(20, Enumerable.Range(0, 20).ToHashSet(), slowTtft: 3, tpot: 0.3);
        timelines.Add(Rejected(20, 20));
        var verdict = Judge(timelines, Benchmark(minDuration: 60, minQueries: 100), "interrupted");
        verdict.Reasons.Should().Contain("the run stopped early: interrupted");
        verdict.Reasons.Should().Contain("p99 TTFT is 3000 ms, over the limit of 2000 ms");
        verdict.Reasons.Should().Contain("p99 TPOT is 300 ms, over the limit of 200 ms");
        verdict.Reasons.Should().Contain("21 queries issued, fewer than min_queries (100)");
        verdict.Reasons.Should().Contain("the last query was issued at 20 s, before the minimum duration (60 s)");
        verdict.Reasons.Should().Contain(r => r.StartsWith("early stopping: 21 of 21 queries over the p99 TTFT limit"));
        verdict.MinDurationMet.Should().BeFalse();
        verdict.MinQueriesMet.Should().BeFalse();
    }

    [Fact]
    public void A_rejected_query_makes_a_run_invalid_and_counts_as_over_every_limit()
    {
        var timelines = Run(600);
        timelines.Add(Rejected(600, 600));
        var verdict = Judge(timelines);
        verdict.Reasons.Should().Contain("1 queries were rejected (LoadGen needs every query answered)");
        verdict.Limits.Should().OnlyContain(l => l.OverLimit == 1 && l.Queries == 601);
    }

    [Fact]
    public void Offline_is_judged_on_min_queries_and_duration_only()
    {
        var slow = Run(20, Enumerable.Range(0, 20).ToHashSet(), slowTtft: 30, tpot: 1);
        var verdict = Judge(slow, Benchmark(Scenario.Offline, minDuration: 10, minQueries: 20));
        verdict.IsValid.Should().BeTrue("Offline has no latency constraints");
        verdict.Limits.Should().BeEmpty();
        verdict.MeasuredDuration.Should().Be(slow.Max(t => t.End), "Offline's duration runs until the last query is done");
        Judge(slow, Benchmark(Scenario.Offline, minDuration: 100, minQueries: 20)).Reasons
            .Should().ContainSingle().Which.Should().StartWith("the run lasted 59 s, less than the minimum duration (100 s)");
    }

    [Fact]
    public void Single_stream_needs_enough_queries_for_loadgens_p90_estimate()
    {
        var benchmark = Benchmark(Scenario.SingleStream, minDuration: null, minQueries: 1);
        var few = Judge(Run(63), benchmark);
        few.Reasons.Should().ContainSingle().Which.Should().Be("early stopping: 63 queries are too few to estimate the p90 latency; LoadGen needs at least 64");
        var enough = Judge(Run(64), benchmark);
        enough.IsValid.Should().BeTrue();
        enough.SingleStreamEstimate.Should().NotBeNull();
    }

    [Fact]
    public void The_single_stream_estimate_discards_the_highest_latencies_loadgen_allows()
    {
        // 100 queries with latencies 1..100 s: h(t) + t <= 100 holds up to t = 3 (94 + 3 = 97; h(4) + 4 = 113), so LoadGen
        // discards the two highest and the estimate is sorted[100 - 3], the third highest: 98 s.
        var timelines = Enumerable.Range(1, 100).Select(i => Done(i, 0, i - 1.0, 0.1, tokens: 11)).ToList();
        EarlyStopping.MinPassing(3, 0.9).Should().Be(94);
        EarlyStopping.MinPassing(4, 0.9).Should().Be(109);
        EarlyStopping.Estimate(ServingMetrics.From(timelines).E2e.Sorted, 0.9).Should().BeApproximately(98, 1e-9);
    }
}
