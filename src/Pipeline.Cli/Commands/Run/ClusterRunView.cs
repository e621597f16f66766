using System.Globalization;
using Pipeline.Cluster;
using Pipeline.Reports;
using Pipeline.Runner.Cells;

namespace Pipeline.Cli.Commands.Run;

/// <summary>
/// <c>pipeline run FILE [--cluster ADDRESS]</c> for a sweep (or any run given <c>--cluster</c>): connects first (a bad
/// address, an unreachable Redis or a cluster with no worker is an error before any cell runs; the default, a silo in
/// this process, just starts), submits every cell, prints each result as it comes back (in whatever order they finish).
/// With <c>--out</c>, each cell writes its report where it runs and sends the files back with its result
/// (<see cref="Pipeline.Reports.ReportedCell"/>); they are written into the cell's folder as they arrive, and the sweep's
/// report (<c>sweep.csv</c>, charts, page) from the results, by cell index: the plain loop's files, byte for byte.
/// </summary>
internal static class ClusterRunView
{
    public static int Run(CellSet cells, ClusterAddress address, string? outDir, int? seed, CliOutput output) =>
        RunAsync(cells, address, outDir, seed, output).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(CellSet cells, ClusterAddress address, string? outDir, int? seed, CliOutput output)
    {
        var connected = await CellCluster.ConnectAsync(address, cancellation: output.Interrupt);
        if (connected.Cluster is not { } cluster)
        {
            output.Error.WriteLine("error: " + connected.Problem);
            return ExitCodes.Errors;
        }
        await using var _ = cluster;
        var runs = cells.Compiled.Runs;
        var submitted = cells.Cells.Select(c => c with { Reports = outDir is not null }).ToArray();
        var reports = outDir is null ? null : new ExperimentReports(outDir, runs, seed);
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cluster {address}: {runs.Count} cell{(runs.Count == 1 ? "" : "s")}"));
        var results = new List<CellResult>();
        await foreach (var result in cluster.Executor.RunAsync(submitted, output.Interrupt))
        {
            results.Add(result);
            output.Out.WriteLine(Line(result, runs.Count, results.Count, runs.Count == 1 ? $"== {runs[0].Name}" : RunCommand.SweepHeading(runs[result.Index], result.Index, runs.Count)));
            foreach (var error in result.Errors) output.Error.WriteLine(error);
            if (reports?.Add(result) is { } page) output.Out.WriteLine($"wrote {page}");
        }
        if (reports?.CompleteSweep() is { } sweep) output.Out.WriteLine($"wrote {sweep}");
        if (output.Interrupt.IsCancellationRequested)
        {
            output.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"interrupted: stopped after {results.Count} of {runs.Count} cells; the rest were not collected"));
            return ExitCodes.Interrupted;
        }
        return results.Count == runs.Count && results.All(r => r.Valid) ? ExitCodes.Ok : ExitCodes.Errors;
    }

    private static string Line(CellResult result, int count, int done, string heading)
    {
        var c = CultureInfo.InvariantCulture;
        var head = $"[{done}/{count}] {heading[3..]}";
        if (result.Figures is not { } f) return $"{head}\n    did not run";
        var peak = result.Peak is null ? ""
            : result.Peak.Found ? string.Create(c, $"  peak {result.Peak.Rate:0.###} req/s ({result.Peak.Probes} probes)")
            : $"  peak not found: {result.Peak.Failure}";
        var reasons = string.Concat(result.InvalidReasons.Select(r => $"\n    invalid    {r}"));
        return string.Create(c,
            $"{head}\n    {(result.Valid ? "VALID  " : "INVALID")}  p99 TTFT {f.P99TtftSeconds * 1e3:0.0} ms  p99 TPOT {f.P99TpotSeconds * 1e3:0.0} ms  {f.OutputThroughput:0.0} output tok/s  goodput {f.Goodput:0.###} req/s{peak}{reasons}");
    }
}
