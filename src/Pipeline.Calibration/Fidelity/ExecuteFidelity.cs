using Pipeline.Compiler;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;
using Pipeline.Plans;
using Pipeline.Runner;

namespace Pipeline.Calibration.Fidelity;

/// <summary>
/// Runs an execute experiment in both modes: as written (execute), then its simulate twin
/// (<see cref="ModeSwitch"/>, recompiled), and compares the metrics.
/// </summary>
public static class ExecuteFidelity
{
    /// <summary>The comparison, or the diagnostics and problem that stopped it.</summary>
    /// <param name="source">The experiment file.</param>
    /// <param name="import">Absolute path of a calibration file, or null.</param>
    /// <param name="accelerator">The accelerator the calibration file declares.</param>
    /// <param name="readFile">Reads the files the experiment refers to (imports, traces); defaults to the file system.</param>
    /// <param name="rounds">Execute runs (the median and range of each metric are compared); simulate runs once, being deterministic.</param>
    public static (IReadOnlyList<ExecuteComparison>? Rows, IReadOnlyList<Diagnostic> Diagnostics, string? Problem) Run(
        SourceText source, string? import, string accelerator, Func<string, string?>? readFile = null, int rounds = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        ArgumentNullException.ThrowIfNull(source);
        var (twin, problem) = ModeSwitch.ToSimulate(source, import, accelerator);
        if (twin is null) return (null, [], problem);
        var executePlan = ExperimentCompiler.Compile(source, readFile);
        var simulatePlan = ExperimentCompiler.Compile(new SourceText(source.Path, twin), readFile);
        var diagnostics = executePlan.Diagnostics.Concat(simulatePlan.Diagnostics).ToArray();
        if (!executePlan.Success || !simulatePlan.Success) return (null, diagnostics, "the experiment does not compile");
        if (executePlan.Plan!.Benchmark.Mode != BenchmarkMode.Execute) return (null, diagnostics, "not an execute experiment");
        var measured = Enumerable.Range(0, rounds).Select(_ => ExperimentRunner.Run(executePlan.Plan!)).ToArray();
        var simulated = ExperimentRunner.Run(simulatePlan.Plan!);
        var runDiagnostics = measured.SelectMany(m => m.Diagnostics).Concat(simulated.Diagnostics).Distinct().ToArray();
        if (measured.Any(m => !m.Succeeded) || !simulated.Succeeded) return (null, runDiagnostics, "a run failed");
        return (ExecuteFidelityText.Compare(measured.Select(m => m.Metrics).ToArray(), simulated.Metrics), runDiagnostics, null);
    }
}
