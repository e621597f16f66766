namespace Pipeline.Acceptance.Bridge;

/// <summary>
/// One runnable case: a scenario, or one Examples row of a scenario outline, with everything needed to run it.
/// </summary>
/// <param name="FeaturePath">Full path of the feature file.</param>
/// <param name="FeatureName">The feature's title.</param>
/// <param name="FeatureDescription">The feature's free text.</param>
/// <param name="RuleName">The enclosing <c>Rule:</c>, if any.</param>
/// <param name="ScenarioName">The scenario's title (outline placeholders substituted).</param>
/// <param name="Line">One-based line of the scenario (of the Examples row for an outline case).</param>
/// <param name="ExampleValues">The Examples row's values by column, empty for a plain scenario.</param>
/// <param name="Tags">Tags of the feature, rule, scenario and Examples block, without <c>@</c>, deduplicated.</param>
/// <param name="Steps">Background steps followed by the scenario's steps.</param>
public sealed record ScenarioCase(
    string FeaturePath,
    string FeatureName,
    string FeatureDescription,
    string? RuleName,
    string ScenarioName,
    int Line,
    IReadOnlyList<KeyValuePair<string, string>> ExampleValues,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ScenarioStep> Steps)
{
    /// <summary>A key unique within a run: file and line.</summary>
    public string Id => FeaturePath + ":" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The folder of the feature file; step paths resolve against it first.</summary>
    public string FeatureDirectory => Path.GetDirectoryName(FeaturePath) ?? ".";

    /// <summary>Readable name: <c>Feature: Scenario (name: value, ...)</c>.</summary>
    public string DisplayName
    {
        get
        {
            var name = FeatureName + ": " + ScenarioName;
            if (ExampleValues.Count == 0) return name;
            return name + " (" + string.Join(", ", ExampleValues.Select(v => v.Key + ": " + v.Value)) + ")";
        }
    }

    /// <summary>Why the case is not run (tagged <c>@ignore</c>, <c>@pending</c>, or <c>@benchmark</c> without <c>PIPELINE_BENCHMARKS=1</c>), or null when it runs.</summary>
    public string? SkipReason =>
        Tags.Contains(SkipTags.Ignore, StringComparer.OrdinalIgnoreCase) ? "tagged @ignore"
        : Tags.Contains(SkipTags.Pending, StringComparer.OrdinalIgnoreCase) ? "tagged @pending (its underlying code has not landed)"
        : Tags.Contains(SkipTags.Benchmark, StringComparer.OrdinalIgnoreCase) && !SkipTags.BenchmarksEnabled
            ? $"tagged @benchmark (a measured comparison): set {SkipTags.BenchmarksVariable}=1 to run it"
        : null;
}
