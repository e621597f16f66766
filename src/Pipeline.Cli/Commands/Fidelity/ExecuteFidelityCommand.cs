using System.Globalization;
using Pipeline.Plans;
using Pipeline.Plans.Catalog;
using Pipeline.Cli.Commands.Calibrate;
using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Local;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;

namespace Pipeline.Cli.Commands.Fidelity;

/// <summary>
/// <c>pipeline fidelity FILE.pipe... [--import calibration.pipe] [--rounds N]</c>: runs each execute experiment as written
/// (N times: median and range) and as its simulate twin (recompiled with <c>mode = simulate</c>, and with the calibration file's
/// <c>this-machine</c> accelerator when imported), and prints <c>metric | measured | simulated | diff %</c>.
/// </summary>
internal static class ExecuteFidelityCommand
{
    /// <summary>Largest <c>--rounds</c>: each round is a whole execute run.</summary>
    public const int MaxRounds = 100;

    /// <summary>A round within this share of the measured value counts as predicted (the issue's target).</summary>
    public const double Tolerance = 0.10;

    /// <summary>Why <c>--calibration-tables</c> is refused without <c>--calibrate-local</c> (beside <c>--import</c> or <c>--results</c>).</summary>
    public const string TablesNeedCalibrateLocal =
        "error: --calibration-tables prints the calibrations of --calibrate-local; give experiment files and --calibrate-local (pipeline calibrate --local prints the table of a calibration made earlier)";

    public static int Execute(IReadOnlyList<string> files, string? import, string? calibrateLocal, string backend, int rounds, bool tables, CliOutput output)
    {
        if (import is not null && calibrateLocal is not null)
        {
            output.Error.WriteLine("error: give --import (a calibration made earlier) or --calibrate-local (one per round), not both");
            return ExitCodes.Usage;
        }
        if (tables && calibrateLocal is null)
        {
            output.Error.WriteLine(TablesNeedCalibrateLocal);
            return ExitCodes.Usage;
        }
        IReadOnlyList<LocalShape> shapes = [];
        var chosen = LocalBackend.Auto;
        // `workload`: each experiment's own model and lengths (LocalShapes.For), chosen once it compiles.
        var ownShapes = calibrateLocal == WorkloadShapes;
        if (calibrateLocal is not null && !ownShapes && LocalShapes.Named(calibrateLocal) is null)
        {
            output.Error.WriteLine($"error: unknown --calibrate-local '{calibrateLocal}' ({string.Join(", ", LocalShapes.Names.Prepend(WorkloadShapes))})");
            return ExitCodes.Usage;
        }
        if (calibrateLocal is not null && !LocalCalibrate.TryOptions(backend, ownShapes ? null : calibrateLocal, output, out chosen, out shapes)) return ExitCodes.Usage;
        if (rounds is < 1 or > MaxRounds)
        {
            output.Error.WriteLine($"error: --rounds must be in [1, {MaxRounds}]");
            return ExitCodes.Usage;
        }
        var missing = files.Where(f => !File.Exists(f)).Append(import is not null && !File.Exists(import) ? import : null).OfType<string>().ToArray();
        if (missing.Length > 0)
        {
            output.Error.WriteLine($"error: file not found: {string.Join(", ", missing)}");
            return ExitCodes.Usage;
        }
        if (calibrateLocal is not null) return Paired(files, chosen, backend, ownShapes ? null : shapes, rounds, tables, output);
        var importPath = import is null ? null : Path.GetFullPath(import);
        return EachFile(files, output, source =>
        {
            var (rows, diagnostics, problem) = ExecuteFidelity.Run(source, importPath, LocalAcceleratorFile.AcceleratorName, rounds: rounds);
            return (rows is null ? null : ExecuteFidelityText.Render(source.Path, rows), diagnostics, problem);
        });
    }

    /// <summary>The <c>--calibrate-local</c> value that measures each experiment's own shapes.</summary>
    public const string WorkloadShapes = "workload";

    // Each round calibrates on one engine kept for the whole command, then runs the experiment in both modes. Null
    // shapes: each experiment's own (LocalShapes.For).
    private static int Paired(IReadOnlyList<string> files, LocalBackend chosen, string backend, IReadOnlyList<LocalShape>? shapes, int rounds, bool tables, CliOutput output)
    {
        using var source = new EngineStepTimes(chosen);
        try
        {
            // The engine starts on its first measurement, so a missing device shows here, before any file runs.
            source.Measure((shapes ?? LocalShapes.Smoke)[0]);
        }
        catch (InvalidOperationException e)
        {
            output.Error.WriteLine($"error: cannot start the {backend} backend: {e.Message}");
            return ExitCodes.Errors;
        }
        return EachFile(files, output, file =>
        {
            var round = 0;
            string Calibrate(ExperimentPlan plan)
            {
                var measured = shapes ?? LocalShapes.For(plan, Path.GetDirectoryName(Path.GetFullPath(file.Path)));
                // The experiment's own shapes are stepped in turn, as its run steps them.
                var result = LocalCalibration.Run(AcceleratorCatalog.Local(chosen), measured, source, interleaved: shapes is null);
                output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {++round}: calibrated, mean |error| {result.MeanAbsoluteError * 100:0.0}%: {string.Join("  ", result.Settings)}"));
                if (tables) output.Out.Write(result.Table());
                return LocalAcceleratorFile.Write(result, backend, source.Device);
            }
            var (rows, diagnostics, problem) = ExecuteFidelity.RunCalibrated(file, Calibrate, LocalAcceleratorFile.AcceleratorName, rounds: rounds);
            return (rows is null ? null : ExecuteFidelityText.RenderPaired(file.Path, rows, Tolerance), diagnostics, problem);
        });
    }

    // Compares each file in turn: its table, or its diagnostics and why it could not be compared.
    private static int EachFile(IReadOnlyList<string> files, CliOutput output,
        Func<SourceText, (string? Table, IReadOnlyList<Diagnostic> Diagnostics, string? Problem)> compare)
    {
        var failed = false;
        foreach (var file in files)
        {
            var (table, diagnostics, problem) = compare(SourceText.FromFile(file));
            DiagnosticPrinter.Print(diagnostics, output.Error);
            if (table is null)
            {
                output.Error.WriteLine($"error: {file}: {problem}");
                failed = true;
                continue;
            }
            output.Out.Write(table);
            output.Out.WriteLine();
        }
        return failed ? ExitCodes.Errors : ExitCodes.Ok;
    }
}
