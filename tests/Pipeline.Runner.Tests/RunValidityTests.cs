using Pipeline.Plans;
using Pipeline.Runner;
using Pipeline.Serving.Accounting;

namespace Pipeline.Runner.Tests;

public sealed class RunValidityTests
{
    private static readonly BenchmarkPlan Benchmark = new(
        Scenario.Server, BenchmarkMode.Simulate,
        new WorkloadPlan(new AllAtOnceArrivals(), new FixedLength(8), new FixedLength(4), 10, null, 1),
        new SloPlan([]), Duration: 5, MinQueryCount: 10, Seed: 1, Metrics: [], Sweep: null);

    [Fact]
    public void A_run_that_met_min_queries_and_the_minimum_duration_is_valid()
    {
        RunValidity.Check(Benchmark, Metrics(completed: 10, duration: 6), null).Should().BeEmpty();
    }

    [Fact]
    public void Too_few_completed_queries_too_short_a_run_and_an_early_stop_each_make_it_invalid()
    {
        var reasons = RunValidity.Check(Benchmark, Metrics(completed: 7, duration: 2), "the run was cancelled");

        reasons.Should().HaveCount(3);
        reasons.Should().Contain(r => r.Contains("min_queries (10)") && r.Contains("7 queries"));
        reasons.Should().Contain(r => r.Contains("minimum duration (5 s)"));
        reasons.Should().Contain(r => r.Contains("cancelled"));
    }

    private static ServingMetrics Metrics(int completed, double duration)
    {
        var empty = new LatencyStats([]);
        return new ServingMetrics(completed, completed, 0, 0, duration, 0, 0, empty, empty, empty, empty, [], 1, 0);
    }
}
