namespace Pipeline.Runner.Tests;

/// <summary>The benchmark's scenario decides how queries are issued at run time (it used to be a label).</summary>
public sealed class ScenarioRunTests
{
    private static readonly TestPlan Plan = new()
    {
        Workload = new WorkloadPlan(new PoissonArrivals(2), new FixedLength(128), new FixedLength(32), 40, null, 7),
    };

    [Fact]
    public void Offline_sends_everything_at_once_and_reports_a_different_result_from_server()
    {
        var offline = ExperimentRunner.Run((Plan with { Scenario = Scenario.Offline }).Experiment());
        var server = ExperimentRunner.Run(Plan.Experiment());
        offline.Timelines.Should().OnlyContain(t => t.Arrival == 0);
        server.Timelines.Should().Contain(t => t.Arrival > 0);
        offline.Metrics.OutputThroughput.Should().BeGreaterThan(server.Metrics.OutputThroughput);
        offline.Metrics.Ttft.Mean.Should().NotBe(server.Metrics.Ttft.Mean, "the issue was that offline and server results were identical");
    }

    [Fact]
    public void Single_stream_runs_one_query_at_a_time()
    {
        var run = ExperimentRunner.Run((Plan with { Scenario = Scenario.SingleStream }).Experiment());
        run.Metrics.Completed.Should().Be(40);
        var ordered = run.Timelines.OrderBy(t => t.Arrival).ToArray();
        ordered.Zip(ordered.Skip(1)).Should().OnlyContain(p => p.Second.Arrival >= p.First.End);
        run.Timelines.SelectMany(t => t.Steps).Should().OnlyContain(s => s.Tokens >= 1);
        run.Timelines.SelectMany(t => t.Steps).GroupBy(s => s.Start).Should().OnlyContain(g => g.Count() == 1, "each step serves the one query in flight");
    }

    [Fact]
    public void A_single_stream_run_longer_than_the_query_bound_stops_there_with_the_reason()
    {
        // Queries for a simulated year, each a few milliseconds: the count follows the latencies, so only the run can stop it.
        var plan = (Plan with
        {
            Scenario = Scenario.SingleStream,
            Workload = new WorkloadPlan(new PoissonArrivals(2), new FixedLength(128), new FixedLength(32), null, 3.15e7, 7),
        }).Experiment();

        var run = ExperimentRunner.Run(plan, new RunOptions(SingleStreamQueries: 25));

        run.AbortReason.Should().Contain("single-stream stopped at 25 queries");
        run.Metrics.Arrived.Should().Be(25);
        (run.Metrics.Completed + run.Metrics.Rejected).Should().Be(run.Metrics.Arrived, "no query is lost: the one in flight is rejected with the reason");
        run.IsValid.Should().BeFalse();
    }

    [Fact]
    public void Interactive_issues_queries_as_server_does()
    {
        var interactive = ExperimentRunner.Run((Plan with { Scenario = Scenario.Interactive }).Experiment());
        var server = ExperimentRunner.Run(Plan.Experiment());
        interactive.Timelines.Select(t => (t.Arrival, t.End)).Should().Equal(server.Timelines.Select(t => (t.Arrival, t.End)));
    }
}
