using Pipeline.Calibration.Published;
using Pipeline.Plans.Catalog;

namespace Pipeline.Calibration.Fidelity;

/// <summary>
/// Predicts every simulated Server row again with each family's fitted device efficiencies
/// (<see cref="DeviceEfficiencies"/>) scaled by 1 - share and 1 + share (<see cref="CostBand"/>); a row that ran an older
/// release has its release factor applied on top, as in <see cref="ResultsFidelity"/>.
/// </summary>
public static class CostBands
{
    /// <summary>Most share of the efficiencies a band moves: beyond it a fitted efficiency could pass 1.</summary>
    public const double MaxShare = 0.10;

    /// <summary>The bands of the Server rows of <paramref name="comparisons"/> (a comparison run with the same arguments).</summary>
    /// <param name="comparisons">The calibrated predictions (<see cref="ResultsFidelity.Compare"/>).</param>
    /// <param name="workload">The data set's lengths.</param>
    /// <param name="share">How far the efficiencies move each way, in (0, <see cref="MaxShare"/>].</param>
    /// <param name="cost">Cost settings per family, as given to the comparison.</param>
    /// <param name="parallelism">Rows simulated at once.</param>
    /// <param name="seed">Seed of every row's workload.</param>
    /// <param name="length">How long a Server run lasts (the row's published run when null).</param>
    public static IReadOnlyList<CostBand> Compute(IReadOnlyList<ResultComparison> comparisons, MlperfWorkload workload, double share,
        Func<string, IReadOnlyList<string>>? cost = null, int parallelism = 1, int seed = 1, ServerRunLength? length = null)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(workload);
        if (!(share > 0 && share <= MaxShare))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, $"A band moves the efficiencies by more than 0 and at most {MaxShare:P0}.");
        }
        cost ??= _ => [];
        var server = comparisons.Where(c => !c.Row.IsOffline).ToArray();
        var simulated = server.Where(c => c.Prediction is not null).Select(c => c.Row).ToArray();
        IReadOnlyList<ResultComparison> Scaled(double factor) =>
            ResultsFidelity.Compare(simulated, workload, family => DeviceEfficiencies.Scale(cost(family), AcceleratorCatalog.FamilyCost(family), factor), parallelism, seed: seed, length: length);
        var dearer = Scaled(1 - share);
        var cheaper = Scaled(1 + share);
        var bands = new List<CostBand>();
        var k = 0;
        foreach (var c in server)
        {
            if (c.Prediction is null)
            {
                bands.Add(new CostBand(c.Row, null, null, null, c.Skipped));
                continue;
            }
            bands.Add(new CostBand(c.Row, dearer[k].Prediction, c.Prediction, cheaper[k].Prediction, null));
            k++;
        }
        return bands;
    }
}
