using Pipeline.Acceptance.Bridge;

namespace Pipeline.Acceptance.Tests.Bridge;

[Collection(FeatureCollection.Name)]
public sealed class FeatureRunnerTests
{
    private static readonly ScenarioExecutor s_executor = new(typeof(RecordingSteps).Assembly);

    [Fact]
    public async Task A_directory_run_counts_passes_failures_and_skips_and_prints_each_scenario()
    {
        var output = new StringWriter();

        var summary = await FeatureRunner.RunAsync(BridgeFeatureFiles.Directory, output, null, s_executor);

        (summary.Passed, summary.Failed, summary.Skipped).Should().Be((6, 2, 2));
        summary.Success.Should().BeFalse();
        var text = output.ToString();
        text.Should().Contain("PASS  Arithmetic through the bridge: Adding 100 to one gives 101 (n: 100, total: 101)")
            .And.Contain("FAIL  Failures through the bridge: A wrong total fails")
            .And.Contain("      Step failed: Then the total is 3 (line 7)")
            .And.Contain("SKIP  Arithmetic through the bridge: Pending scenarios are not run")
            .And.EndWith("6 passed, 2 failed, 2 skipped" + Environment.NewLine);
    }

    [Fact]
    public async Task A_tag_expression_selects_the_scenarios_that_run()
    {
        var summary = await FeatureRunner.RunAsync(BridgeFeatureFiles.Directory, TextWriter.Null, "@outline and not @more", s_executor);

        summary.Success.Should().BeTrue();
        summary.Results.Select(r => r.Case.ScenarioName).Should().Equal("Adding 1 to one gives 2", "Adding 10 to one gives 11");
    }

    [Fact]
    public async Task A_bad_tag_expression_is_reported_and_nothing_runs()
    {
        var output = new StringWriter();

        var summary = await FeatureRunner.RunAsync(BridgeFeatureFiles.Directory, output, "@a and", s_executor);

        summary.Success.Should().BeFalse();
        summary.Results.Should().BeEmpty();
        output.ToString().Should().Contain("invalid tag expression '@a and'");
    }

    [Fact]
    public async Task An_unparsable_feature_file_fails_the_run()
    {
        var directory = Directory.CreateTempSubdirectory("pipeline-features-").FullName;
        try
        {
            File.Copy(BridgeFeatureFiles.Broken, Path.Combine(directory, "broken.feature"));

            var summary = await FeatureRunner.RunAsync(directory, TextWriter.Null, null, s_executor);

            summary.Success.Should().BeFalse();
            summary.Errors.Should().ContainSingle().Which.Should().Contain("broken.feature");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_missing_directory_is_an_error_not_an_empty_success()
    {
        var summary = FeatureRunner.Run(Path.Combine(BridgeFeatureFiles.Directory, "nope"), TextWriter.Null, null);

        summary.Success.Should().BeFalse();
        summary.Errors.Should().ContainSingle().Which.Should().Contain("no such file or directory");
    }
    [Fact]
    public void A_step_argument_out_of_a_whole_numbers_range_is_said_in_words_not_the_runtimes()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"steps-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            File.Copy(Path.Combine(RepositoryRoot(), "examples", "quickstart.pipe"), Path.Combine(directory, "quickstart.pipe"));
            File.WriteAllText(Path.Combine(directory, "big.feature"),
                "Feature: f\n  Scenario: too many workers\n    Given the experiment \"quickstart.pipe\"\n    Given it runs on 1000000000000 workers\n");
            var output = new StringWriter();

            var summary = FeatureRunner.Run(directory, output, null);

            summary.Failed.Should().Be(1);
            output.ToString().Should().Contain("too large for it: whole-number arguments go up to 2,147,483,647")
                .And.NotContain("Value was either too large or too small for an Int32");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln"))) return dir.FullName;
        throw new InvalidOperationException("Pipeline.sln not found above the test folder");
    }
}
