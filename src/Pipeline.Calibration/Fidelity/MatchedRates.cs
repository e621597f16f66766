using Pipeline.Calibration.Published;
using Pipeline.Runner;
using Pipeline.Runner.Search;

namespace Pipeline.Calibration.Fidelity;

/// <summary>
/// Reads a Server result the other way round: not "what p99 TPOT does the simulator give at the published rate" but
/// "up to what rate does the simulated system keep the published p99 TPOT (and MLPerf's 2 s p99 TTFT)". Submitters
/// tune their rate to the edge of saturation, where TPOT climbs steeply with load: there a rate a few percent off is a
/// TPOT tens of percent off, and systems of the same hardware and software publish p99 TPOTs 25% apart at rates 7%
/// apart. The rate is the well-conditioned figure, and the one a capacity plan buys. The search is the product's own
/// (<see cref="PeakRateSearch"/>, judged on the whole run as <c>pipeline run --peak</c> judges it), each probe the
/// row's experiment written at its rate and compiled (<see cref="RowExperiment"/>).
/// </summary>
public static class MatchedRates
{
    /// <summary>Search tolerance: the lowest INVALID rate is at most this fraction above the peak.</summary>
    public const double DefaultTolerance = 0.02;

    /// <summary>Searches every Server row whose p99 TPOT and rate are published; other rows are left out.</summary>
    /// <param name="rows">Published results.</param>
    /// <param name="workload">The data set's lengths.</param>
    /// <param name="cost">Cost settings per family, as for <see cref="ResultsFidelity.Compare"/>.</param>
    /// <param name="parallelism">Rows searched at once.</param>
    /// <param name="tolerance">Search tolerance (a fraction in (0, 1)).</param>
    /// <param name="seed">Seed of every probe's workload, as <see cref="ResultsFidelity.Compare"/>'s.</param>
    /// <param name="length">How long each probe's run lasts (the row's published run when null).</param>
    public static IReadOnlyList<MatchedRate> Compute(IReadOnlyList<PublishedResult> rows, MlperfWorkload workload,
        Func<string, IReadOnlyList<string>>? cost = null, int parallelism = 1, double tolerance = DefaultTolerance, int seed = 1,
        ServerRunLength? length = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(workload);
        cost ??= _ => [];
        var server = rows.Where(r => !r.IsOffline && r.TpotP99 is > 0 && r.TargetQps is > 0).ToArray();
        var found = new MatchedRate[server.Length];
        Parallel.For(0, server.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            var row = server[i];
            var (system, reason) = PublishedSystems.Map(row);
            found[i] = system is null
                ? new MatchedRate(row, null, null, null, null, reason)
                : Search(row, system, workload, ResultsFidelity.SettingsFor(row, system, cost), tolerance, seed, length);
        });
        return found;
    }

    private static MatchedRate Search(PublishedResult row, SimulatedSystem system, MlperfWorkload workload, IReadOnlyList<string> settings, double tolerance, int seed, ServerRunLength? length)
    {
        var limits = new ServerLimits(ServerLimits.MlperfTtftP99, row.TpotP99!.Value);
        RunResult Run(double shareRate) => ExperimentRunner.Run(RowSimulator.Compile(row,
            RowExperiment.Text(row with { TargetQps = shareRate * system.Shares }, system, workload, settings, seed, limits, length)),
            new RunOptions(KeepTimelines: false));
        var search = PeakRateSearch.Find(Run, row.TargetQps!.Value / system.Shares, tolerance);
        var breaking = search.Probes.Where(p => !p.Valid).MinBy(p => p.Rate);
        return new MatchedRate(row, system, search.Peak?.Rate * system.Shares, search.LowestInvalid * system.Shares,
            breaking is null ? null : LimitBroken(breaking), search.Failure);
    }

    // Each limit the probe broke: its percentile over the limit, or within it but with too few queries for the
    // over-limit count seen (LoadGen's early stopping, which the submitters' VALID runs passed too).
    private static string LimitBroken(PeakProbe probe)
    {
        var broken = (probe.Result.Verdict?.Limits ?? [])
            .Where(l => !l.Met || !l.EarlyStoppingMet)
            .Select(l => l.Limit.Metric.ToString().ToUpperInvariant() + (l.Met ? " (early stopping)" : string.Empty))
            .ToArray();
        return broken.Length > 0 ? string.Join(" and ", broken) : string.Join("; ", probe.Result.InvalidReasons ?? []);
    }
}
