namespace Pipeline.Acceptance.Bridge;

/// <summary>What discovery found under a directory: runnable cases, and files that failed to parse.</summary>
/// <param name="Cases">Every scenario and outline row, in file then line order (skipped ones included).</param>
/// <param name="Errors">Feature files with syntax errors.</param>
public sealed record FeatureSuite(IReadOnlyList<ScenarioCase> Cases, IReadOnlyList<FeatureFileError> Errors)
{
    /// <summary>The cases whose tags satisfy a tag expression (all of them when it is null).</summary>
    public IReadOnlyList<ScenarioCase> Filter(TagExpression? expression) =>
        expression is null ? Cases : Cases.Where(c => expression.Matches(c.Tags)).ToArray();
}
