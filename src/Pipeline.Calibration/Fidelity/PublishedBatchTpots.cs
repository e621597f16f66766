using Pipeline.Calibration.Published;

namespace Pipeline.Calibration.Fidelity;

/// <summary>
/// Reads a Server result's TPOT at the real run's operating point. At the published rate a simulated run settles at
/// its own batch: near saturation a few per cent of capacity moves that batch, and every step's time with it, by tens of
/// per cent, so a TPOT miss there mixes the step's cost with where the run settled. Here one replica holds the batch
/// the published run held on average (Little's law on its means, <see cref="PublishedResult.MeanInFlight"/>), with the
/// row's scenario, stack and prompts and outputs, and its mean TPOT is the step's cost at that batch, prompts mixed in
/// as completions make room: the cost model alone, well-conditioned. Each run is the row's experiment written with a
/// closed batch and compiled (<see cref="RowExperiment"/>).
/// </summary>
public static class PublishedBatchTpots
{
    /// <summary>Runs every Server row; those without published means, or whose harness gathers arrivals, are skipped with the reason.</summary>
    /// <param name="rows">Published results (with their means joined, <see cref="PublishedMeans"/>).</param>
    /// <param name="workload">The data set's lengths.</param>
    /// <param name="cost">Cost settings per family, as for <see cref="ResultsFidelity.Compare"/>.</param>
    /// <param name="parallelism">Rows run at once.</param>
    /// <param name="seed">Seed of every run's workload.</param>
    public static IReadOnlyList<PublishedBatchTpot> Compute(IReadOnlyList<PublishedResult> rows, MlperfWorkload workload,
        Func<string, IReadOnlyList<string>>? cost = null, int parallelism = 1, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(workload);
        cost ??= _ => [];
        var server = rows.Where(r => !r.IsOffline).ToArray();
        var found = new PublishedBatchTpot[server.Length];
        Parallel.For(0, server.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            var row = server[i];
            var (system, reason) = PublishedSystems.Map(row);
            found[i] = system is null ? new PublishedBatchTpot(row, null, null, null, reason)
                : row.MeanInFlightPer(system.Replicas) is not { } inFlight || row.TpotMean is null ? new PublishedBatchTpot(row, system, null, null, "no mean TTFT, mean TPOT and queries/s published")
                // The harness's bursts are what its TPOT pays for; a steady batch has none.
                : system.GathersArrivals ? new PublishedBatchTpot(row, system, null, null, "arrivals gathered by the harness: a held batch has none of its bursts")
                : Run(row, system, HeldBatch(inFlight, system.MaxBatch), workload, ResultsFidelity.SettingsFor(row, system, cost), seed);
        });
        return found;
    }

    /// <summary>
    /// The batch a replica held: its queries in flight, rounded, at least one and at most <paramref name="maxBatch"/> (more
    /// in flight than the engine batches were waiting, not running).
    /// </summary>
    public static int HeldBatch(double inFlightPerReplica, int maxBatch) => (int)Math.Clamp(Math.Round(inFlightPerReplica), 1, Math.Max(1, maxBatch));

    private static PublishedBatchTpot Run(PublishedResult row, SimulatedSystem system, int batch, MlperfWorkload workload, IReadOnlyList<string> settings, int seed)
    {
        var result = RowSimulator.Run(row, RowExperiment.Text(row, system, workload, settings, seed, closedBatch: batch));
        return new PublishedBatchTpot(row, system, batch, result.Metrics.Tpot.Mean, null);
    }
}
