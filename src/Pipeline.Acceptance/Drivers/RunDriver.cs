using Pipeline.Compiler;
using Pipeline.Runner;

namespace Pipeline.Acceptance.Drivers;

/// <summary>
/// Runs the scenario's experiment and keeps the results: the latest run, runs named with
/// <c>When it runs as "name"</c>, and runs of other experiment files that comparisons refer to.
/// </summary>
public sealed class RunDriver
{
    // A generous cap so a scenario that regresses into a very slow run fails (never passes) instead of hanging the suite.
    private static readonly TimeSpan WallClockLimit = TimeSpan.FromMinutes(2);
    private readonly ExperimentDriver _experiment;
    private readonly PathResolver _paths;
    private readonly Dictionary<string, RunResult> _runs = new(StringComparer.Ordinal);
    private RunResult? _latest;
    private Plans.ExperimentPlan? _latestPlan;

    /// <summary>Creates the driver for the scenario's experiment.</summary>
    public RunDriver(ExperimentDriver experiment, PathResolver paths)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(paths);
        _experiment = experiment;
        _paths = paths;
    }

    /// <summary>The latest run of the scenario's experiment.</summary>
    public RunResult Latest => _latest ?? throw new InvalidOperationException("nothing has run yet: add `When it runs`");

    /// <summary>The plan the latest run served (what it was asked to do, for accounting against).</summary>
    public Plans.ExperimentPlan LatestPlan => _latestPlan ?? throw new InvalidOperationException("nothing has run yet: add `When it runs`");

    /// <summary>Runs the experiment as compiled and changed so far; remembers it under <paramref name="name"/> if given.</summary>
    public RunResult Run(string? name = null)
    {
        var plan = _experiment.Plan();
        var result = Execute(plan);
        _latest = result;
        _latestPlan = plan;
        if (name is not null) _runs[name] = result;
        return result;
    }

    /// <summary>
    /// A run to compare with: one named earlier in the scenario, else the experiment file of that name
    /// (resolved like any step path), compiled and run as written.
    /// </summary>
    public RunResult Reference(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        if (_runs.TryGetValue(nameOrPath, out var named)) return named;
        var path = _paths.Resolve(nameOrPath);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"\"{nameOrPath}\" is neither a run named earlier in the scenario ({string.Join(", ", _runs.Keys.Select(k => '"' + k + '"'))}) nor an experiment file");
        }
        var compilation = ExperimentCompiler.CompileFile(path);
        if (!compilation.Success)
        {
            throw new InvalidOperationException($"{nameOrPath} does not compile:{Environment.NewLine}"
                + string.Join(Environment.NewLine, compilation.Errors.Select(d => d.ToString())));
        }
        return _runs[nameOrPath] = Execute(compilation.Plan!);
    }

    private static RunResult Execute(Plans.ExperimentPlan plan)
    {
        var result = ExperimentRunner.Run(plan, new RunOptions(MaxWallClock: WallClockLimit));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{plan.Name} could not run:{Environment.NewLine}"
                + string.Join(Environment.NewLine, result.Diagnostics.Select(d => d.ToString())));
        }
        if (result.AbortReason is { } reason)
        {
            // A run cut short proves nothing about accounting: its unfinished requests would read as "rejected".
            throw new InvalidOperationException($"{plan.Name} did not finish: {reason}");
        }
        return result;
    }
}
