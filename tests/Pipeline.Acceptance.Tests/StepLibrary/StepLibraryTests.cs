using System.Reflection;
using System.Text.RegularExpressions;
using Pipeline.Acceptance.Bridge;
using Pipeline.Acceptance.Tests.Bridge;
using Reqnroll;

namespace Pipeline.Acceptance.Tests.StepLibrary;

[Collection(FeatureCollection.Name)]
public sealed class StepLibraryTests
{
    private static string FeaturesOf(string name) => Path.Combine(AppContext.BaseDirectory, "StepLibraryFeatures", name);

    private static async Task<IReadOnlyList<ScenarioResult>> RunMustFail()
    {
        var summary = await FeatureRunner.RunAsync(FeaturesOf("broken-experiment.feature"), TextWriter.Null, null, new ScenarioExecutor());
        return summary.Results;
    }

    [Fact]
    public async Task A_file_that_does_not_compile_fails_with_its_rendered_diagnostic()
    {
        var result = (await RunMustFail()).Single(r => r.Case.ScenarioName == "A file with a typo does not compile");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        result.Message.Should().StartWith("Step failed: Then it compiles without errors")
            .And.Contain("error PL0101: unknown setting `max_btch` in batching")
            .And.Contain("^^^^^^^^")
            .And.Contain("hint:");
    }

    [Fact]
    public async Task An_experiment_written_in_a_feature_is_located_in_the_feature()
    {
        var result = (await RunMustFail()).Single(r => r.Case.ScenarioName == "A file with a typo does not compile");

        // The doc string's fourth line is the feature's line 11, its text indented six columns.
        result.Message.Should().Contain("the experiment written at " + FeaturesOf("broken-experiment.feature") + ":8 does not compile")
            .And.Contain(FeaturesOf("broken-experiment.feature") + ":11:20: error PL0101")
            .And.Contain(" 11 |         batching { max_btch = 8 }")
            .And.NotContain("inline.pipe");
    }

    [Fact]
    public async Task A_value_a_step_set_that_the_compiler_refuses_names_the_step_and_its_line()
    {
        var result = (await RunMustFail()).Single(r => r.Case.ScenarioName == "A value a step sets is refused at the step");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        result.Message.Should().Contain("error PL0206: `max_batch` must be greater than zero, not `0`")
            .And.Contain("max_batch = 0").And.Contain("^")
            .And.Contain("= set by the step `And its batching is continuous with max batch 0` at " + FeaturesOf("broken-experiment.feature") + ":39");
    }

    [Fact]
    public async Task A_diagnostic_on_another_line_fails_and_lists_what_the_compiler_said()
    {
        var result = (await RunMustFail()).Single(r => r.Case.ScenarioName == "The wrong line is named");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        // Line 3 of the experiment is the feature's line 23; the error is on the experiment's line 4, the feature's 24.
        result.Message.Should().Contain("Expected error PL0101 at line 3 of the experiment written at")
            .And.Contain("broken-experiment.feature:24:20: error PL0101");
    }

    [Fact]
    public async Task Comparing_with_a_run_that_never_happened_names_the_runs_there_are()
    {
        var result = (await RunMustFail()).Single(r => r.Case.ScenarioName == "A run that does not exist is named");

        result.Outcome.Should().Be(ScenarioOutcome.Failed, result.Message);
        result.Message.Should().Contain("\"never-ran\" is neither a run named earlier");
    }

    [Fact]
    public void Every_step_of_the_library_is_documented_in_the_features_readme()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("features/README.md"));
        var patterns = typeof(ScenarioExecutor).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<BindingAttribute>() is not null)
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetCustomAttributes<StepDefinitionBaseAttribute>())
            .Select(a => a.Expression)
            .ToArray();
        patterns.Should().HaveCountGreaterThan(30);
        var missing = patterns.Where(p => !readme.Contains(LiteralPrefix(p), StringComparison.Ordinal)).ToArray();
        missing.Should().BeEmpty("every step needs an entry with an example in features/README.md");
    }

    // The words before the first parameter: "the experiment {string}" -> "the experiment".
    private static string LiteralPrefix(string expression)
    {
        var text = expression.TrimStart('^');
        var cut = Regex.Match(text, @"[{(\[\\]|\?");
        return (cut.Success ? text[..cut.Index] : text).TrimEnd('$').Trim();
    }
}
