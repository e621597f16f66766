namespace Pipeline.Acceptance.Bridge;

/// <summary>The outcome of one <see cref="ScenarioCase"/>.</summary>
/// <param name="Case">The case that ran.</param>
/// <param name="Outcome">Passed, failed or skipped.</param>
/// <param name="Message">Why it failed (the step and the assertion message) or was skipped; null on a pass.</param>
/// <param name="FailedStep">The first step that did not pass, if a step is to blame.</param>
/// <param name="Duration">Wall time of the scenario.</param>
public sealed record ScenarioResult(
    ScenarioCase Case,
    ScenarioOutcome Outcome,
    string? Message,
    ScenarioStep? FailedStep,
    TimeSpan Duration);
