using System.CommandLine;
using System.Globalization;
using Pipeline.Compiler;
using Pipeline.Plans;
using Pipeline.Reports;

namespace Pipeline.Cli.Commands.Run;

/// <summary>
/// <c>pipeline run FILE.pipe [--out DIR] [--seed N]</c>: serves the experiment's workload through the runtime
/// (execute mode on the local accelerator, or simulate mode with the cost model, as the file says), prints the
/// latency/throughput summary and writes the reports under <c>DIR</c> (result.json, summary.txt, requests.csv,
/// trace.json, charts, report.html; a sweep gets one folder per cell and sweep.csv beside them).
/// </summary>
internal sealed class RunCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var file = new Argument<string>("file") { Description = "Experiment file (.pipe)." };
        var outDir = new Option<string?>("--out") { Description = "Folder for the reports: report.html, summary.txt, requests.csv, trace.json, result.json, charts (sweeps: run-N/ per cell and sweep.csv)." };
        var seed = new Option<string?>("--seed") { Description = "Override the workload seed (a whole number from 0 to 2147483647)." };
        var command = new Command("run", "Run an experiment's workload and report TTFT, TPOT, ITL, end-to-end latency and throughput.") { file, outDir, seed };
        command.SetAction(parse => Execute(parse.GetValue(file)!, parse.GetValue(outDir), parse.GetValue(seed), output));
        return command;
    }

    private static int Execute(string file, string? outDir, string? seedText, CliOutput output)
    {
        // Every usage problem is found before any work starts: --out first, then the seed, then the input file.
        if (outDir is not null && OutputFolder.Problem(outDir) is { } outProblem)
        {
            output.Error.WriteLine("error: " + outProblem);
            return ExitCodes.Usage;
        }
        int? seed = null;
        if (seedText is not null)
        {
            if (!int.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                output.Error.WriteLine($"error: --seed '{seedText}' is not a whole number from 0 to {int.MaxValue}");
                return ExitCodes.Usage;
            }
            seed = value;
        }
        if (!InputFile.AllExist([file], output)) return ExitCodes.Usage;
        var compiled = ExperimentCompiler.CompileFile(file);
        DiagnosticPrinter.Print(compiled.Diagnostics, output.Error);
        if (!compiled.Success) return ExitCodes.Errors;
        var failed = false;
        var reports = outDir is null ? null : new ExperimentReports(outDir, compiled.Runs, seed);
        for (var index = 0; index < compiled.Runs.Count; index++)
        {
            var plan = compiled.Runs[index];
            if (compiled.Runs.Count > 1) output.Out.WriteLine(SweepHeading(plan, index, compiled.Runs.Count));
            var rejections = new RejectionTally();
            using var report = reports?.Start(index);
            var result = RunProgressView.Run(plan, seed, report is null ? [rejections] : [rejections, report], output);
            DiagnosticPrinter.Print(result.Diagnostics, output.Error);
            if (result.Succeeded) RunSummaryPrinter.Print(result, rejections.Reasons, output.Out);
            failed |= !result.Succeeded;
            if (report is not null && result.Succeeded) output.Out.WriteLine($"wrote {reports!.Complete(index, report, result)}");
        }
        if (reports?.CompleteSweep() is { } sweep) output.Out.WriteLine($"wrote {sweep}");
        return failed ? ExitCodes.Errors : ExitCodes.Ok;
    }

    private static string SweepHeading(ExperimentPlan plan, int index, int count)
    {
        var settings = plan.Benchmark.Sweep?.Runs.ElementAtOrDefault(index)?.Settings ?? [];
        var values = string.Join(", ", settings.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} = {s.Value:G6}")));
        return $"== run {index + 1}/{count}: {values}";
    }
}
