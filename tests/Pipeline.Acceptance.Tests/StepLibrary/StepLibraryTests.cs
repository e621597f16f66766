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
    public async Task A_diagnostic_on_another_line_fails_and_lists_what_the_compiler_said()
    {
        var result = (await RunMustFail()).Single(r => r.Case.ScenarioName == "The wrong line is named");

        result.Outcome.Should().Be(ScenarioOutcome.Failed);
        result.Message.Should().Contain("Expected error PL0101 at line 3").And.Contain("inline.pipe:4:");
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
