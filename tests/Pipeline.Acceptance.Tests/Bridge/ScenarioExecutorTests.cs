using Pipeline.Acceptance.Bridge;

namespace Pipeline.Acceptance.Tests.Bridge;

[Collection(FeatureCollection.Name)]
public sealed class ScenarioExecutorTests
{
    // The bridge tests' own bindings (RecordingSteps) live in this assembly.
    private static readonly ScenarioExecutor s_executor = new(typeof(RecordingSteps).Assembly);

    private static async Task<ScenarioResult> Run(string file, string scenario) =>
        await s_executor.RunAsync(FeatureDiscovery.DiscoverFile(file).Cases.Single(c => c.ScenarioName == scenario));

    [Fact]
    public async Task Every_runnable_case_of_a_good_feature_passes()
    {
        foreach (var scenario in FeatureDiscovery.DiscoverFile(BridgeFeatureFiles.Arithmetic).Cases.Where(c => c.SkipReason is null))
        {
            var result = await s_executor.RunAsync(scenario);
            result.Outcome.Should().Be(ScenarioOutcome.Passed, result.Message);
        }
    }

    [Fact]
    public async Task A_feature_that_must_fail_fails_with_the_step_text_and_the_assertion_message()
    {
        var result = await Run(BridgeFeatureFiles.Failing, "A wrong total fails");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        result.FailedStep!.Text.Should().Be("the total is 3");
        result.Message.Should().StartWith("Step failed: Then the total is 3 (line 7)")
            .And.Contain("Expected _total to be 3")
            .And.Contain("that is the sum of the numbers given")
            .And.NotContain("the total is 2");
    }

    [Fact]
    public async Task A_step_without_a_binding_fails_and_names_the_step()
    {
        var result = await Run(BridgeFeatureFiles.Failing, "A step without a binding fails");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        result.Message.Should().Contain("When I juggle the numbers").And.Contain("No step definition matches");
    }

    [Fact]
    public async Task A_table_reaches_the_step_as_a_reqnroll_table()
    {
        var result = await Run(BridgeFeatureFiles.Arithmetic, "A table reaches the step");

        result.Outcome.Should().Be(ScenarioOutcome.Passed, result.Message);
        var table = RecordingSteps.Received["A table reaches the step"].Should().BeOfType<Reqnroll.Table>().Subject;
        table.Header.Should().Equal("name", "value");
        table.Rows.Select(r => r["name"] + "=" + r["value"]).Should().Equal("alpha=1", "beta=2");
    }

    [Fact]
    public async Task A_doc_string_reaches_the_step()
    {
        var result = await Run(BridgeFeatureFiles.Arithmetic, "A doc string reaches the step");

        result.Outcome.Should().Be(ScenarioOutcome.Passed, result.Message);
        RecordingSteps.Received["A doc string reaches the step"].Should().Be("line one\nline two");
    }

    [Fact]
    public async Task Ignored_and_pending_cases_are_skipped_without_running()
    {
        var ignored = await Run(BridgeFeatureFiles.Arithmetic, "Ignored scenarios are not run");
        var pending = await Run(BridgeFeatureFiles.Arithmetic, "Pending scenarios are not run");

        ignored.Outcome.Should().Be(ScenarioOutcome.Skipped);
        pending.Outcome.Should().Be(ScenarioOutcome.Skipped);
        pending.Message.Should().Contain("@pending");
    }

    [Fact]
    public void A_step_that_failed_without_an_exception_fails_the_scenario()
    {
        var scenario = FeatureDiscovery.DiscoverFile(BridgeFeatureFiles.Arithmetic).Cases.First(c => c.SkipReason is null);
        var step = scenario.Steps[0];

        var result = ScenarioExecutor.Judge(scenario, step, Reqnroll.ScenarioExecutionStatus.TestError, null, TimeSpan.Zero);

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        result.FailedStep.Should().Be(step);
        result.Message.Should().Contain($"(line {step.Line})").And.Contain("TestError");
    }

    [Fact]
    public void A_scenario_passes_only_when_every_step_was_ok_and_nothing_was_thrown()
    {
        var scenario = FeatureDiscovery.DiscoverFile(BridgeFeatureFiles.Arithmetic).Cases.First(c => c.SkipReason is null);

        ScenarioExecutor.Judge(scenario, null, Reqnroll.ScenarioExecutionStatus.OK, null, TimeSpan.Zero).Outcome.Should().Be(ScenarioOutcome.Passed);
        ScenarioExecutor.Judge(scenario, null, Reqnroll.ScenarioExecutionStatus.StepDefinitionPending, null, TimeSpan.Zero).Outcome
            .Should().Be(ScenarioOutcome.Failed);
    }

    [Fact]
    public async Task Benchmark_cases_are_skipped_unless_benchmarks_are_asked_for()
    {
        var passing = FeatureDiscovery.DiscoverFile(BridgeFeatureFiles.Arithmetic).Cases.First(c => c.SkipReason is null);
        var benchmark = passing with { Tags = [.. passing.Tags, SkipTags.Benchmark] };

        var result = await s_executor.RunAsync(benchmark);

        result.Outcome.Should().Be(SkipTags.BenchmarksEnabled ? ScenarioOutcome.Passed : ScenarioOutcome.Skipped);
        if (!SkipTags.BenchmarksEnabled) result.Message.Should().Contain("PIPELINE_BENCHMARKS=1");
    }

    [Fact]
    public async Task A_misspelled_step_fails_with_the_closest_step_as_a_suggestion()
    {
        var passing = FeatureDiscovery.DiscoverFile(BridgeFeatureFiles.Arithmetic).Cases.First(c => c.SkipReason is null);
        var typo = passing with { Steps = [new ScenarioStep(StepKind.Given, "Given ", "the number 1", 1), new ScenarioStep(StepKind.When, "When ", "I ad 1", 2)] };

        var result = await s_executor.RunAsync(typo);

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        result.Message.Should().Contain("No step definition matches this step").And.Contain("Did you mean `When I add {int}`?");
    }

    [Fact]
    public async Task A_step_unlike_any_other_gets_no_suggestion()
    {
        var result = await Run(BridgeFeatureFiles.Failing, "A step without a binding fails");

        result.Message.Should().Contain("No step definition matches this step").And.NotContain("Did you mean");
    }
}
