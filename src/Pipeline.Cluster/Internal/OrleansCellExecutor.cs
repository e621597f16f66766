using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Pipeline.Runner.Cells;

namespace Pipeline.Cluster.Internal;

/// <summary>
/// Runs cells as cell grains and streams their results back as they finish. Each cell is one grain of this submission;
/// the submitter keeps at most <see cref="CellClusterOptions.InFlight"/> going and polls them. A cell whose grain stops
/// answering (its silo died or hangs) or answers that it never got the cell (a fresh activation on a live silo) is
/// started again; a result is recorded once per cell index, so a cell that ends up finishing twice counts once.
/// </summary>
/// <param name="grains">The cell grain of a key (the cluster's grain factory; tests plant scripted grains).</param>
/// <param name="options">In-flight limit, poll interval, attempt listener.</param>
/// <param name="maxCellBytes">Largest cell sent; a larger one (a long trace travels in it) ends at once with the reason.</param>
internal sealed class OrleansCellExecutor(Func<string, ICellGrain> grains, CellClusterOptions options, int maxCellBytes = ClusterSetup.MaxCellBytes) : ICellExecutor
{
    public async IAsyncEnumerable<CellResult> RunAsync(IReadOnlyList<ExperimentCell> cells, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var submission = Guid.NewGuid().ToString("N");
        var waiting = new Queue<ExperimentCell>(cells);
        var flights = new List<Flight>();
        var recorded = new HashSet<int>();
        while ((waiting.Count > 0 || flights.Count > 0) && !cancellation.IsCancellationRequested)
        {
            while (flights.Count < Math.Max(1, options.InFlight) && waiting.TryDequeue(out var cell))
            {
                if (recorded.Contains(cell.Index)) continue;
                var json = CellJson.Write(cell.Anchored());
                if (Encoding.UTF8.GetByteCount(json) is var bytes && bytes > maxCellBytes)
                {
                    recorded.Add(cell.Index);
                    yield return new CellResult(cell.Index, cell.Seed ?? 0, [], null, [], [string.Create(CultureInfo.InvariantCulture,
                        $"cell {cell.Index} is {bytes:N0} bytes with the files it carries (its trace), more than the {maxCellBytes:N0} a cluster message may hold: use a shorter trace, or run without --cluster")]);
                    continue;
                }
                flights.Add(new Flight(cell, json, grains($"{submission}/{cell.Index}")));
            }
            var statuses = await Task.WhenAll(flights.Select(Ask));
            var finished = new List<Flight>();
            for (var i = 0; i < flights.Count; i++)
            {
                var (flight, status) = (flights[i], statuses[i]);
                if (status is null) { flight.Lost = true; continue; } // no answer: its silo is dead or hung; start it again next round
                if (status.State == CellState.Unknown) { flight.Lost = true; continue; }
                if (status.Silo != flight.Silo)
                {
                    flight.Silo = status.Silo;
                    options.OnAttempt?.Invoke(new CellAttempt(flight.Cell.Index, ++flight.Attempts, status.Silo));
                }
                if (status.State is CellState.Done or CellState.Failed)
                {
                    finished.Add(flight);
                    if (recorded.Add(flight.Cell.Index)) yield return Result(flight.Cell, status);
                }
            }
            flights.RemoveAll(finished.Contains);
            if (flights.Count == 0 && waiting.Count == 0) break;
            try { await Task.Delay(options.Poll, cancellation); }
            catch (OperationCanceledException) { yield break; }
        }
    }

    /// <summary>Starts a new or lost cell, polls a running one; null when the grain did not answer.</summary>
    private static async Task<CellStatus?> Ask(Flight flight)
    {
        try
        {
            var status = flight.Silo is null || flight.Lost ? await flight.Grain.Start(flight.Json) : await flight.Grain.Poll();
            flight.Lost = false;
            return status;
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            return null;
        }
    }

    private static CellResult Result(ExperimentCell cell, CellStatus status) => status.State == CellState.Done
        ? CellJson.Unpack(status.Result!)
        : new CellResult(cell.Index, cell.Seed ?? 0, [], null, [], [$"internal error on silo {status.Silo}: {status.Payload}"]);

    private sealed class Flight(ExperimentCell cell, string json, ICellGrain grain)
    {
        public ExperimentCell Cell { get; } = cell;
        public string Json { get; } = json;
        public ICellGrain Grain { get; } = grain;
        public string? Silo { get; set; }
        public int Attempts { get; set; }
        public bool Lost { get; set; }
    }
}
