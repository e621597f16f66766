namespace Pipeline.Acceptance.Bridge;

/// <summary>How a scenario ended.</summary>
public enum ScenarioOutcome
{
    /// <summary>Every step ran and passed.</summary>
    Passed,
    /// <summary>A step failed, threw, had no binding, or was pending.</summary>
    Failed,
    /// <summary>Not run: tagged <c>@ignore</c> or <c>@pending</c>.</summary>
    Skipped,
}
