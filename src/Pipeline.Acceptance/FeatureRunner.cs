using System.Globalization;
using Pipeline.Acceptance.Bridge;

namespace Pipeline.Acceptance;

/// <summary>
/// Runs a user's <c>.feature</c> files against the Pipeline step library, outside any test framework
/// (this is what <c>pipeline test DIR</c> calls). Scenarios run one after another.
/// </summary>
public static class FeatureRunner
{
    /// <summary>
    /// Discovers and runs every scenario under <paramref name="directory"/> (or the one file it names) whose tags
    /// match <paramref name="tagExpression"/> (e.g. <c>not @slow</c>; null runs all), writing one line per scenario,
    /// failure details and a summary line to <paramref name="output"/>.
    /// </summary>
    public static FeatureRunSummary Run(string directory, TextWriter output, string? tagExpression) =>
        RunAsync(directory, output, tagExpression, new ScenarioExecutor()).GetAwaiter().GetResult();

    /// <summary>As <see cref="Run"/>, with the executor (and so the step assemblies) chosen by the caller.</summary>
    public static async Task<FeatureRunSummary> RunAsync(
        string directory, TextWriter output, string? tagExpression, ScenarioExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(executor);
        TagExpression? filter = null;
        if (tagExpression is not null && !TagExpression.TryParse(tagExpression, out filter, out var tagError))
        {
            var message = $"invalid tag expression '{tagExpression}': {tagError}";
            output.WriteLine("error: " + message);
            return new FeatureRunSummary([], [message]);
        }
        if (File.Exists(directory) && !directory.EndsWith(".feature", StringComparison.OrdinalIgnoreCase))
        {
            var message = $"{directory} is not a .feature file: `pipeline test` runs Gherkin features (a .feature file, or a folder of them); `pipeline run` runs an experiment";
            output.WriteLine("error: " + message);
            return new FeatureRunSummary([], [message]);
        }
        var suite = File.Exists(directory) ? FeatureDiscovery.DiscoverFile(directory) : FeatureDiscovery.Discover(directory);
        var errors = suite.Errors.Select(e => e.ToString()).ToList();
        if (!File.Exists(directory) && !Directory.Exists(directory)) errors.Add($"no such file or directory: {directory}");
        foreach (var error in errors) output.WriteLine("error: " + error);
        var results = new List<ScenarioResult>();
        foreach (var scenario in suite.Filter(filter))
        {
            var result = await executor.RunAsync(scenario);
            results.Add(result);
            Report(output, result);
        }
        var summary = new FeatureRunSummary(results, errors);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Passed} passed, {summary.Failed} failed, {summary.Skipped} skipped"));
        return summary;
    }

    private static void Report(TextWriter output, ScenarioResult result)
    {
        var label = result.Outcome switch
        {
            ScenarioOutcome.Passed => "PASS",
            ScenarioOutcome.Failed => "FAIL",
            _ => "SKIP",
        };
        var seconds = result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        output.WriteLine($"{label}  {result.Case.DisplayName}  [{Path.GetFileName(result.Case.FeaturePath)}:{result.Case.Line}, {seconds} s]");
        if (result.Outcome == ScenarioOutcome.Passed || result.Message is null) return;
        foreach (var line in result.Message.Split('\n')) output.WriteLine("      " + line.TrimEnd('\r'));
    }
}
