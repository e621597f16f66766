using System.Globalization;
using Pipeline.Cluster;
using Pipeline.Reports;
using Pipeline.Runner.Cells;

namespace Pipeline.Cli.Commands.Run;

/// <summary>
/// <c>pipeline run FILE --cluster ADDRESS</c>: connects first (a bad address, an unreachable Redis or a cluster with no
/// worker is an error before any cell runs), submits every cell, prints each result as it comes back (in whatever order
/// they finish) and writes the sweep's report (<c>sweep.csv</c>, charts, page) from the results, by cell index. Timelines
/// stay where the cells ran, so no cell gets a report folder of its own.
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
        if (outDir is not null && runs.Count == 1)
        {
            output.Error.WriteLine("note: --cluster writes a sweep's report only; run without --cluster for a single run's report");
        }
        var reports = outDir is null ? null : new ExperimentReports(outDir, runs, seed);
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cluster {address}: {runs.Count} cell{(runs.Count == 1 ? "" : "s")}"));
        var results = new List<CellResult>();
        await foreach (var result in cluster.Executor.RunAsync(cells.Cells, output.Interrupt))
        {
            results.Add(result);
            output.Out.WriteLine(Line(result, runs.Count, results.Count, RunCommand.SweepHeading(runs[result.Index], result.Index, runs.Count)));
            foreach (var error in result.Errors) output.Error.WriteLine(error);
            reports?.Add(result);
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
        return string.Create(c,
            $"{head}\n    {(result.Valid ? "VALID  " : "INVALID")}  p99 TTFT {f.P99TtftSeconds * 1e3:0.0} ms  p99 TPOT {f.P99TpotSeconds * 1e3:0.0} ms  {f.OutputThroughput:0.0} output tok/s  goodput {f.Goodput:0.###} req/s{peak}");
    }
}
