using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Plans;

namespace Pipeline.Runner.Search;

/// <summary>
/// Compiles an experiment at a given Poisson arrival rate, through the compiler, as sweep cells are compiled: the
/// source with <c>workload.arrivals.rate</c> (and the sweep cell's own settings, when there is a sweep) replaced.
/// Everything that depends on the rate is recomputed as the file says, and every check runs again.
/// </summary>
public sealed class ExperimentProbes
{
    /// <summary>The setting path a probe replaces.</summary>
    public const string RatePath = "workload.arrivals.rate";

    /// <summary>The setting path of a trace's replay speed, which a probe's rate sets for a trace workload.</summary>
    public const string SpeedPath = "workload.arrivals.speed";

    private readonly SourceText _source;
    private readonly IReadOnlyList<KeyValuePair<string, double>> _cell;
    private readonly Func<string, string?>? _readFile;
    private readonly Scenario? _scenario;

    /// <summary>Probes of one experiment (one sweep cell of it).</summary>
    /// <param name="source">The experiment file.</param>
    /// <param name="cell">The sweep cell's settings (<see cref="SweepRun.Settings"/>), or other settings to replace, or none.</param>
    /// <param name="readFile">Reads the files the experiment refers to (imports, traces); defaults to the file system.</param>
    /// <param name="scenario">Compile as if the benchmark's scenario were this one (a scenario comparison), or as written.</param>
    public ExperimentProbes(SourceText source, IReadOnlyList<KeyValuePair<string, double>>? cell = null, Func<string, string?>? readFile = null,
        Scenario? scenario = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _cell = cell ?? [];
        _readFile = readFile;
        _scenario = scenario;
    }

    /// <summary>Probes of the sweep cell a compiled run belongs to (its <see cref="SweepPlan"/> lists the cell's settings).</summary>
    public static ExperimentProbes ForRun(SourceText source, CompilationResult compiled, int runIndex, Func<string, string?>? readFile = null)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        var cell = compiled.Runs[runIndex].Benchmark.Sweep?.Runs.ElementAtOrDefault(runIndex)?.Settings;
        return new ExperimentProbes(source, cell, readFile);
    }

    /// <summary>The experiment compiled with its arrival rate set to <paramref name="rate"/> requests per second.</summary>
    /// <exception cref="InvalidOperationException">The experiment does not compile at that rate (its diagnostics are in the message).</exception>
    public ExperimentPlan At(double rate)
    {
        var settings = _cell.Where(s => s.Key != RatePath).Append(new KeyValuePair<string, double>(RatePath, rate)).ToArray();
        var compiled = ExperimentCompiler.CompileCell(_source, settings, _readFile, _scenario);
        if (!compiled.Success)
        {
            throw new InvalidOperationException($"the experiment does not compile at {rate} req/s:{Environment.NewLine}"
                + string.Join(Environment.NewLine, compiled.Errors.Select(d => d.ToString())));
        }
        return compiled.Plan!;
    }
}
