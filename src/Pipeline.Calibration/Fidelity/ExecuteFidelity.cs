using Pipeline.Compiler;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;
using Pipeline.Plans;
using Pipeline.Runner;
using Pipeline.Serving.Accounting;

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

    /// <summary>
    /// Paired rounds: each round first calibrates this machine (<paramref name="calibrate"/> returns a calibration
    /// file's text declaring <paramref name="accelerator"/>), then runs the experiment in execute mode and its simulate
    /// twin with that round's calibration. Calibration and run are seconds apart in one process, so a machine whose
    /// speed drifts between processes and over minutes is measured in the same state by both.
    /// </summary>
    /// <param name="source">The experiment file.</param>
    /// <param name="calibrate">Measures and fits this machine for the compiled experiment (whose shapes it may measure); called once per round.</param>
    /// <param name="accelerator">The accelerator the calibration text declares.</param>
    /// <param name="readFile">Reads the files the experiment refers to; defaults to the file system.</param>
    /// <param name="rounds">Paired rounds, at least 1.</param>
    public static (IReadOnlyList<PairedComparison>? Rows, IReadOnlyList<Diagnostic> Diagnostics, string? Problem) RunCalibrated(
        SourceText source, Func<ExperimentPlan, string> calibrate, string accelerator, Func<string, string?>? readFile = null, int rounds = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(calibrate);
        // The calibration lives in memory under a path of its own; every other file comes from the reader.
        var calibrationPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source.Path)) ?? ".", $"{accelerator}.calibrated-in-process.pipe"));
        var (twin, problem) = ModeSwitch.ToSimulate(source, calibrationPath, accelerator);
        if (twin is null) return (null, [], problem);
        var read = readFile ?? ExperimentCompiler.ReadFileFromDisk;
        var executePlan = ExperimentCompiler.Compile(source, read);
        if (!executePlan.Success) return (null, executePlan.Diagnostics, "the experiment does not compile");
        if (executePlan.Plan!.Benchmark.Mode != BenchmarkMode.Execute) return (null, executePlan.Diagnostics, "not an execute experiment");
        var measured = new List<ServingMetrics>();
        var simulated = new List<ServingMetrics>();
        var diagnostics = new List<Diagnostic>(executePlan.Diagnostics);
        for (var round = 0; round < rounds; round++)
        {
            var calibration = calibrate(executePlan.Plan!);
            var simulatePlan = ExperimentCompiler.Compile(new SourceText(source.Path, twin), path => path == calibrationPath ? calibration : read(path));
            if (!simulatePlan.Success) return (null, diagnostics.Concat(simulatePlan.Diagnostics).ToArray(), "the simulate twin does not compile with the calibration");
            var execute = ExperimentRunner.Run(executePlan.Plan!);
            var simulate = ExperimentRunner.Run(simulatePlan.Plan!);
            diagnostics.AddRange(execute.Diagnostics.Concat(simulate.Diagnostics));
            if (!execute.Succeeded || !simulate.Succeeded) return (null, diagnostics.Distinct().ToArray(), "a run failed");
            measured.Add(execute.Metrics);
            simulated.Add(simulate.Metrics);
        }
        return (ExecuteFidelityText.ComparePaired(measured, simulated), diagnostics.Distinct().ToArray(), null);
    }
}
