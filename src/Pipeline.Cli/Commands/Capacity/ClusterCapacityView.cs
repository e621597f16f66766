using System.Globalization;
using Pipeline.Cluster;
using Pipeline.Runner.Capacity;
using Pipeline.Runner.Cells;

namespace Pipeline.Cli.Commands.Capacity;

/// <summary>
/// <c>pipeline capacity FILE --cluster ADDRESS</c>: connects first (a bad address, an unreachable Redis or a cluster
/// with no worker is an error before any candidate runs), submits one cell per candidate, prints each candidate as it
/// comes back (in whatever order they finish) and builds the report from the results by candidate index: the same
/// report, table, CSV and plot as the in-process planner's.
/// </summary>
internal static class ClusterCapacityView
{
    /// <summary>The report, or null when it could not be made (the exit code says why).</summary>
    public static (CapacityReport? Report, int ExitCode) Run(CellSet cells, ClusterAddress address, CliOutput output, Action<CandidateResult> onCandidate) =>
        RunAsync(cells, address, output, onCandidate).GetAwaiter().GetResult();

    private static async Task<(CapacityReport?, int)> RunAsync(CellSet cells, ClusterAddress address, CliOutput output, Action<CandidateResult> onCandidate)
    {
        var connected = await CellCluster.ConnectAsync(address, cancellation: output.Interrupt);
        if (connected.Cluster is not { } cluster)
        {
            output.Error.WriteLine("error: " + connected.Problem);
            return (null, ExitCodes.Errors);
        }
        await using var _ = cluster;
        output.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cluster {address}: {cells.Cells.Count} candidate{(cells.Cells.Count == 1 ? "" : "s")}"));
        var results = new List<CellResult>();
        await foreach (var result in cluster.Executor.RunAsync(cells.Cells, output.Interrupt))
        {
            results.Add(result);
            foreach (var error in result.Errors) output.Error.WriteLine(error);
            if (result.Candidate is { } candidate) onCandidate(candidate);
        }
        if (output.Interrupt.IsCancellationRequested) return (null, ExitCodes.Interrupted);
        if (results.Count != cells.Cells.Count || results.Any(r => r.Candidate is null))
        {
            output.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"error: {results.Count(r => r.Candidate is not null)} of {cells.Cells.Count} candidates came back; no report"));
            return (null, ExitCodes.Errors);
        }
        return (CapacityCells.Report(cells, results), ExitCodes.Ok);
    }
}
