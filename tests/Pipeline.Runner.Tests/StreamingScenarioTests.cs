namespace Pipeline.Runner.Tests;

/// <summary>The scenario switch of <c>stream_overhead</c>: the latency scenarios stream every token, offline does not.</summary>
public sealed class StreamingScenarioTests
{
    // One query of 128 prompt and 32 output tokens alone on the worker: one prefill step that samples the first token,
    // then 31 decode steps, each sampling one. Nothing else is in flight, so its end-to-end latency is the same in
    // every scenario except for what streaming adds.
    private static TestPlan Plan(double stream) => new()
    {
        Accelerator = TestPlan.H100 with { Cost = TestPlan.H100.Cost with { StreamOverhead = stream } },
        Workload = new WorkloadPlan(new PoissonArrivals(1), new FixedLength(128), new FixedLength(32), 1, null, 7),
    };

    private static double E2e(TestPlan plan, Scenario scenario) =>
        ExperimentRunner.Run((plan with { Scenario = scenario }).Experiment()).Timelines.Single().E2e!.Value;

    [Theory]
    [InlineData(Scenario.Server)]
    [InlineData(Scenario.Interactive)]
    [InlineData(Scenario.SingleStream)]
    public void A_streaming_scenario_pays_the_stream_overhead_once_per_output_token_and_offline_never(Scenario scenario)
    {
        var plan = Plan(1e-3);
        // By hand: 32 sampled tokens, each streamed at 1 ms: 32 ms more than offline.
        (E2e(plan, scenario) - E2e(plan, Scenario.Offline)).Should().BeApproximately(32e-3, 1e-9);
        E2e(plan, Scenario.Offline).Should().BeApproximately(E2e(Plan(0), Scenario.Offline), 1e-12, "offline streams nothing");
    }
}
