using System.Collections.Concurrent;
using Pipeline.Calibration.Published;

namespace Pipeline.Calibration.Fidelity;

/// <summary>
/// Simulates every published result the catalogue can express and sets it beside the published figures; a row that ran
/// a declared older stack release (<see cref="StackRelease"/>) has its device efficiencies scaled by that release's factor. Rows that
/// share an experiment (same system, scenario and rate) are simulated once. Deterministic: the same rows, workload
/// and cost settings give the same predictions whatever the order or parallelism.
/// </summary>
public static class ResultsFidelity
{
    /// <summary>Compares every row.</summary>
    /// <param name="rows">Published results.</param>
    /// <param name="workload">The data set's lengths.</param>
    /// <param name="cost">Cost settings per family (<c>name = value</c> lines) to declare over the catalogue's; missing families keep the catalogue's.</param>
    /// <param name="parallelism">Rows simulated at once.</param>
    /// <param name="releases">The older stack releases and their factors (<see cref="StackRelease.All"/> when null; a release fit varies them).</param>
    /// <param name="seed">Seed of every row's workload.</param>
    /// <param name="length">How long a Server run lasts (the row's published run when null).</param>
    public static IReadOnlyList<ResultComparison> Compare(
        IReadOnlyList<PublishedResult> rows, MlperfWorkload workload, Func<string, IReadOnlyList<string>>? cost = null, int parallelism = 1,
        IReadOnlyList<StackRelease>? releases = null, int seed = 1, ServerRunLength? length = null)
    {
        var prepared = Prepare(rows, workload, cost, releases, seed, length);
        // Keyed by the experiment (one replica, or all when gathered) and the shares the prediction is scaled by.
        var cache = new ConcurrentDictionary<string, Lazy<RowPrediction>>(StringComparer.Ordinal);
        var predictions = new RowPrediction?[prepared.Length];
        Parallel.For(0, prepared.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            var (row, system, _, text) = prepared[i];
            if (system is null || text is null) return;
            var key = system.Shares + "\n" + text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..]; // all but the row's label
            predictions[i] = cache.GetOrAdd(key, _ => new Lazy<RowPrediction>(() => RowSimulator.Simulate(row, system, text))).Value;
        });
        return prepared.Select((p, i) => new ResultComparison(p.Row, p.System, predictions[i], p.Reason)).ToArray();
    }

    /// <summary>
    /// The experiment file <see cref="Compare"/> simulates for each row it can (same arguments): self-contained text
    /// that <c>pipeline run</c> and <c>pipeline plan</c> take, so any row's prediction can be rerun and inspected.
    /// </summary>
    public static IReadOnlyList<(PublishedResult Row, string Text)> Experiments(
        IReadOnlyList<PublishedResult> rows, MlperfWorkload workload, Func<string, IReadOnlyList<string>>? cost = null,
        IReadOnlyList<StackRelease>? releases = null, int seed = 1, ServerRunLength? length = null) =>
        Prepare(rows, workload, cost, releases, seed, length).Where(p => p.Text is not null).Select(p => (p.Row, p.Text!)).ToArray();

    // Each row's system (or why it has none) and the experiment text it runs: the one place both are decided.
    private static (PublishedResult Row, SimulatedSystem? System, string? Reason, string? Text)[] Prepare(
        IReadOnlyList<PublishedResult> rows, MlperfWorkload workload, Func<string, IReadOnlyList<string>>? cost,
        IReadOnlyList<StackRelease>? releases, int seed, ServerRunLength? length)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(workload);
        cost ??= _ => [];
        return rows.Select(row =>
        {
            var (system, reason) = PublishedSystems.Map(row);
            var text = system is null ? null : RowExperiment.Text(row, system, workload, SettingsFor(row, system, cost, releases), seed, length: length);
            return (row, system, reason, text);
        }).ToArray();
    }

    /// <summary>The cost settings a row's accelerator declares: its family's from <paramref name="cost"/>, scaled by the row's older stack release, if any.</summary>
    public static IReadOnlyList<string> SettingsFor(
        PublishedResult row, SimulatedSystem system, Func<string, IReadOnlyList<string>> cost, IReadOnlyList<StackRelease>? releases = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(cost);
        var settings = cost(FamilyOf(system.Accelerator));
        return StackRelease.Of(row, releases) is { } release
            ? release.Apply(settings, Pipeline.Plans.Catalog.AcceleratorCatalog.FamilyCost(FamilyOf(system.Accelerator)))
            : settings;
    }

    /// <summary>The family of a catalogue accelerator.</summary>
    public static string FamilyOf(string accelerator) =>
        Pipeline.Plans.Catalog.AcceleratorCatalog.TryGet(accelerator, out var spec) ? spec.Family : "generic";
}
