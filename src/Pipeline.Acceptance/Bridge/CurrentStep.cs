using System.Globalization;

namespace Pipeline.Acceptance.Bridge;

/// <summary>
/// The step a scenario is running and the feature file it is written in. Reqnroll hands a step its text and
/// arguments but not where they are written, so errors about an experiment written in a feature, or about a value
/// a step set, would otherwise point at the wrong file. One per scenario (context injection); the executor moves it
/// before each step.
/// </summary>
public sealed class CurrentStep
{
    /// <summary>The full path of the running feature file; null outside a run (a driver built by hand).</summary>
    public string? FeaturePath { get; private set; }

    /// <summary>The running step; null outside a run.</summary>
    public ScenarioStep? Step { get; private set; }

    /// <summary><c>file:line</c> of the running step, or null outside a run.</summary>
    public string? Where => FeaturePath is null || Step is null
        ? null
        : FeaturePath + ":" + Step.Line.ToString(CultureInfo.InvariantCulture);

    internal void Enter(string featurePath, ScenarioStep step)
    {
        FeaturePath = featurePath;
        Step = step;
    }
}
