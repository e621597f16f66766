using Pipeline.Acceptance.Bridge;

namespace Pipeline.Acceptance;

/// <summary>The result of running a directory of feature files.</summary>
/// <param name="Results">One result per scenario or outline row, in file then line order (skipped ones included).</param>
/// <param name="Errors">Problems that stopped files from running: unparsable feature files, a bad tag expression.</param>
public sealed record FeatureRunSummary(IReadOnlyList<ScenarioResult> Results, IReadOnlyList<string> Errors)
{
    /// <summary>Scenarios that passed.</summary>
    public int Passed => Results.Count(r => r.Outcome == ScenarioOutcome.Passed);

    /// <summary>Scenarios that failed.</summary>
    public int Failed => Results.Count(r => r.Outcome == ScenarioOutcome.Failed);

    /// <summary>Scenarios not run (<c>@ignore</c>, <c>@pending</c>).</summary>
    public int Skipped => Results.Count(r => r.Outcome == ScenarioOutcome.Skipped);

    /// <summary>True when nothing failed and every file could be read; an empty run is a success.</summary>
    public bool Success => Failed == 0 && Errors.Count == 0;
}
