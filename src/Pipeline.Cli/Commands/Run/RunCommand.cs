using System.CommandLine;
using System.Globalization;
using Pipeline.Cluster;
using Pipeline.Core.Text;
using Pipeline.Plans;
using Pipeline.Reports;
using Pipeline.Runner;
using Pipeline.Runner.Cells;
using Pipeline.Serving.Observation;

namespace Pipeline.Cli.Commands.Run;

/// <summary>
/// <c>pipeline run FILE.pipe [--out DIR] [--seed N] [--peak] [--cluster ADDRESS]</c>: serves the experiment's workload through the runtime
/// (execute mode on the local accelerator, or simulate mode with the cost model, as the file says), prints the
/// latency/throughput summary and writes the reports under <c>DIR</c> (result.json, summary.txt, requests.csv,
/// trace.json, charts, report.html; a sweep gets one folder per cell and sweep.csv beside them). With <c>--peak</c> or
/// <c>search = peak_rate</c> each run is a peak-rate search (<see cref="PeakRunView"/>) and reports its peak.
/// A sweep's cells run as grains on a silo inside this process by default, or on the cluster <c>--cluster</c> names
/// (<see cref="ClusterRunView"/>: the same files); a single run, or any run with <c>--cluster none</c>, runs in the plain loop here.
/// Exit code (<see cref="RunExitCode"/>): 0 when every run is VALID, 1 for diagnostics or an INVALID run, 130 when
/// interrupted (Ctrl-C stops the plain loop's run cleanly and writes what it has, marked INVALID; on a silo or cluster it
/// stops collecting and writes the cells that came back).
/// </summary>
internal sealed class RunCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var file = new Argument<string>("file") { Description = "Experiment file (.pipe)." };
        var outDir = new Option<string?>("--out") { Description = "Folder for the reports: report.html, summary.txt, requests.csv, trace.json, result.json, charts (sweeps: run-N/ per cell and sweep.csv)." };
        var seed = SeedOption.Create();
        var peak = new Option<bool>("--peak") { Description = "Search for the peak rate: the highest Poisson rate whose run is VALID (as `search = peak_rate` in the file)." };
        var cluster = new Option<string?>("--cluster") { Description = ClusterOption.Help };
        var command = new Command("run", "Run an experiment's workload and report TTFT, TPOT, ITL, end-to-end latency and throughput.") { file, outDir, seed, peak, cluster };
        command.SetAction(parse => Execute(parse.GetValue(file)!, parse.GetValue(outDir), parse.GetValue(seed), parse.GetValue(peak), parse.GetValue(cluster), output));
        return command;
    }

    private static int Execute(string file, string? outDir, string? seedText, bool peak, string? clusterText, CliOutput output)
    {
        // Every usage problem is found before any work starts: --out first, then the seed, the cluster, the input file.
        if (OutputFolder.Refuses(outDir, output)) return ExitCodes.Usage;
        if (!SeedOption.TryRead(seedText, output, out var seed)) return ExitCodes.Usage;
        if (!ClusterOption.TryRead(clusterText, output, out var cluster)) return ExitCodes.Usage;
        if (!InputFile.AllExist([file], output)) return ExitCodes.Usage;
        var source = SourceText.FromFile(file);
        var cells = ExperimentCells.Compile(source, seed, peak);
        var compiled = cells.Compiled;
        DiagnosticPrinter.Print(compiled.Diagnostics, output.Error);
        if (!compiled.Success) return ExitCodes.Errors;
        if (peak && PeakRunView.Refuses(compiled, output)) return ExitCodes.Usage;
        if (cluster.For(cells.Cells.Count) is { } address) return ClusterRunView.Run(cells, address, outDir, seed, output);
        var results = new List<RunResult>();
        var reports = outDir is null ? null : new ExperimentReports(outDir, compiled.Runs, seed);
        for (var index = 0; index < compiled.Runs.Count && !output.Interrupt.IsCancellationRequested; index++)
        {
            var plan = compiled.Runs[index];
            if (compiled.Runs.Count > 1) output.Out.WriteLine(SweepHeading(plan, index, compiled.Runs.Count));
            var rejections = new RejectionTally();
            using var report = reports?.Start(index);
            IReadOnlyList<IServingObserver> observers = report is null ? [rejections] : [rejections, report];
            var cell = cells.Cells[index];
            var result = cell.Kind == CellKind.PeakSearch
                ? PeakRunView.Run(cell, compiled, reports?.FolderOf(index), observers, output)
                : RunProgressView.Run(cell, plan.Name, observers, output);
            DiagnosticPrinter.Print(result.Diagnostics, output.Error);
            if (result.Succeeded) RunSummaryPrinter.Print(result, rejections.Reasons, output.Out);
            results.Add(result);
            if (report is not null && result.Succeeded) output.Out.WriteLine($"wrote {reports!.Complete(index, report, result)}");
        }
        if (reports?.CompleteSweep() is { } sweep) output.Out.WriteLine($"wrote {sweep}");
        return RunExitCode.Of(results, compiled.Runs.Count, output);
    }

    internal static string SweepHeading(ExperimentPlan plan, int index, int count)
    {
        var settings = plan.Benchmark.Sweep?.Runs.ElementAtOrDefault(index)?.Settings ?? [];
        var values = string.Join(", ", settings.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} = {s.Value:G6}")));
        return $"== run {index + 1}/{count}: {values}";
    }
}
