using Pipeline.Runner;
using Pipeline.Runner.Scenarios;

namespace Pipeline.Acceptance.Drivers;

/// <summary>
/// Compares the scenario's experiment under LoadGen's four scenarios (<see cref="ScenarioComparison"/>: Offline, Server
/// and Interactive at their peak rates, SingleStream) and keeps the report for the steps that judge it.
/// </summary>
public sealed class ScenarioDriver
{
    private readonly ExperimentDriver _experiment;
    private ScenarioReport? _report;

    /// <summary>Creates the driver for the scenario's experiment.</summary>
    public ScenarioDriver(ExperimentDriver experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        _experiment = experiment;
    }

    /// <summary>The latest comparison.</summary>
    public ScenarioReport Report => _report ?? throw new InvalidOperationException("nothing was compared yet: add `When its scenarios are compared`");

    /// <summary>Runs the comparison on the experiment as written (changes made by <c>Given its ...</c> steps do not apply: each scenario is compiled again).</summary>
    public ScenarioReport Compare()
    {
        var source = _experiment.Source ?? throw new InvalidOperationException("no experiment was given: start with `Given the experiment \"file.pipe\"`");
        var result = ScenarioComparison.Run(source, new ScenarioComparisonOptions(new RunOptions(MaxWallClock: TimeSpan.FromMinutes(2))));
        if (result.Report is null)
        {
            throw new InvalidOperationException($"the scenarios of {source.Path} could not be compared: "
                + (result.Error ?? string.Join(Environment.NewLine, result.Diagnostics.Select(d => d.ToString()))));
        }
        return _report = result.Report;
    }
}
