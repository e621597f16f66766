using System.CommandLine;
using System.Globalization;
using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Plans;
using Pipeline.Runner;
using Pipeline.Runner.Scenarios;

namespace Pipeline.Cli.Commands.Scenarios;

/// <summary>
/// <c>pipeline scenarios FILE [--out DIR] [--seed N] [--tpot-limits 20ms,40ms] [--no-curve]</c>: the hidden-bottleneck
/// report. Runs one deployment as Offline, Server at its peak rate, Interactive at its peak rate and SingleStream
/// (<see cref="ScenarioComparison"/>), prints one table with each scenario's share of the Offline throughput and the
/// sentence saying what throughput-only figures hide, then the curve behind it (the peak under a range of TPOT limits,
/// with its model-FLOPs utilisation). <c>--out</c> writes <c>scenarios.csv</c> and <c>tpot-curve.csv</c>.
/// Exit code: 0 when every scenario's run is VALID, 1 otherwise (or for diagnostics), 130 when interrupted.
/// </summary>
internal sealed class ScenariosCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var file = new Argument<string>("file") { Description = "Experiment file (.pipe): one deployment, with Poisson arrivals and latency limits (e.g. preset = mlperf)." };
        var outDir = new Option<string?>("--out") { Description = "Folder for scenarios.csv and tpot-curve.csv." };
        var seed = SeedOption.Create();
        var limits = new Option<string?>("--tpot-limits") { Description = "TPOT limits of the curve, e.g. 20ms,40ms,80ms (default: 8 from the single stream's TPOT to the server limit)." };
        var noCurve = new Option<bool>("--no-curve") { Description = "Skip the TPOT curve." };
        var command = new Command("scenarios", "Compare Offline, Server at peak, Interactive at peak and SingleStream for one deployment: what throughput-only figures hide.")
        {
            file, outDir, seed, limits, noCurve,
        };
        command.SetAction(parse => Execute(parse.GetValue(file)!, parse.GetValue(outDir), parse.GetValue(seed), parse.GetValue(limits), parse.GetValue(noCurve), output));
        return command;
    }

    private static int Execute(string file, string? outDir, string? seedText, string? limitsText, bool noCurve, CliOutput output)
    {
        // Every usage problem is found before any work starts: --out first, then the seed, the limits, the input file.
        if (OutputFolder.Refuses(outDir, output)) return ExitCodes.Usage;
        if (!SeedOption.TryRead(seedText, output, out var seed)) return ExitCodes.Usage;
        IReadOnlyList<double>? limits = null;
        if (limitsText is not null && noCurve)
        {
            output.Error.WriteLine("error: --tpot-limits are the curve's, and --no-curve skips the curve: give one or the other");
            return ExitCodes.Usage;
        }
        if (limitsText is not null && (limits = ParseLimits(limitsText)) is null)
        {
            output.Error.WriteLine($"error: --tpot-limits: '{limitsText}' is not a list of times from 1 us to 1 h, such as 20ms,40ms,0.1s");
            return ExitCodes.Usage;
        }
        if (!InputFile.AllExist([file], output)) return ExitCodes.Usage;
        var source = SourceText.FromFile(file);
        var compiled = ExperimentCompiler.Compile(source);
        DiagnosticPrinter.Print(compiled.Diagnostics, output.Error);
        if (!compiled.Success) return ExitCodes.Errors;
        if (compiled.Plan!.Benchmark.Sweep is not null)
        {
            output.Error.WriteLine("note: scenarios compares one deployment; the sweep is ignored (the experiment runs as written)");
        }

        var options = new ScenarioComparisonOptions(
            new RunOptions(seed, Cancellation: output.Interrupt),
            OnRun: (scenario, run) => output.Error.WriteLine($"{ScenarioTable.Name(scenario)}: {run.Metrics.Completed} queries, {(run.IsValid ? "VALID" : "INVALID")}"),
            OnProbe: (scenario, probe) => output.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{ScenarioTable.Name(scenario)}: probe {probe.Rate:0.###} req/s {(probe.Valid ? "VALID" : "INVALID")}, p99 TTFT {probe.P99Ttft * 1e3:0.0} ms, p99 TPOT {probe.P99Tpot * 1e3:0.0} ms, {probe.OutputTokensPerSecond:0.0} output tok/s")));
        var result = ScenarioComparison.Run(source, options);
        DiagnosticPrinter.Print(result.Diagnostics, output.Error);
        if (output.Interrupt.IsCancellationRequested) return Interrupted(output);
        if (result.Error is not null) output.Error.WriteLine($"error: {result.Error}");
        if (result.Report is not { } report) return ExitCodes.Errors;

        ScenarioTable.Print(report, output.Out);
        IReadOnlyList<TpotCurvePoint> curve = [];
        if (!noCurve)
        {
            limits ??= ScenarioComparison.DefaultTpotLimits(report);
            var start = report.Row(Scenario.Server).PeakRate ?? 1;
            curve = ScenarioComparison.TpotCurve(source, limits, start, options);
            if (output.Interrupt.IsCancellationRequested) return Interrupted(output);
            ScenarioTable.PrintCurve(curve, report.Row(Scenario.Server).Slo, output.Out);
        }
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            Write(Path.Combine(outDir, "scenarios.csv"), w => ScenarioCsv.WriteReport(report, w), output);
            if (!noCurve) Write(Path.Combine(outDir, "tpot-curve.csv"), w => ScenarioCsv.WriteCurve(curve, w, report.Seed), output);
        }
        return report.Rows.All(r => r.Valid) ? ExitCodes.Ok : ExitCodes.Errors;
    }

    private static int Interrupted(CliOutput output)
    {
        output.Error.WriteLine("interrupted: stopped cleanly; no report");
        return ExitCodes.Interrupted;
    }

    private static void Write(string path, Action<TextWriter> write, CliOutput output)
    {
        using (var writer = new StreamWriter(path)) write(writer);
        output.Out.WriteLine($"wrote {path}");
    }

    /// <summary><c>20ms,40ms,0.1s</c> in seconds, or null when a part is not a positive time.</summary>
    internal static IReadOnlyList<double>? ParseLimits(string text)
    {
        var limits = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (number, factor) = part.EndsWith("ms", StringComparison.Ordinal) ? (part[..^2], 1e-3)
                : part.EndsWith('s') ? (part[..^1], 1.0) : (part, double.NaN);
            // A TPOT limit is a time a server could be held to: from a microsecond to an hour (the table prints milliseconds).
            if (double.IsNaN(factor) || !double.TryParse(number.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !(value * factor is >= 1e-6 and <= 3600))
            {
                return null;
            }
            limits.Add(value * factor);
        }
        // Each limit is one peak search: a repeated one would be searched again for the same row.
        return limits.Count == 0 ? null : limits.Distinct().Order().ToArray();
    }
}
