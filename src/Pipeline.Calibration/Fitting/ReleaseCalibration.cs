using System.Globalization;
using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Published;

namespace Pipeline.Calibration.Fitting;

/// <summary>
/// Fits an older stack release's one factor (<see cref="StackRelease"/>) through the simulator: the factor that scales
/// the device efficiencies of every row that ran the release, chosen by least squares on the log ratio of predicted to
/// published tokens/s of the release's vendor's own Offline rows (the rows throughput identifies, as
/// <see cref="FamilyCalibration"/> fits a family on its vendor's newest rows). The family parameters stay as the
/// catalogue has them. A ratio of published throughputs applied to the efficiencies does not give that ratio back:
/// the host's per-step cost, communication and the power model's clock are not scaled, so the simulated throughput
/// moves by less than the efficiencies do.
/// </summary>
public static class ReleaseCalibration
{
    /// <summary>The factor's name in a fit's progress lines.</summary>
    public const string FactorName = "release_factor";

    /// <summary>The rows a release is fitted on: Offline rows that ran it, submitted by NVIDIA or AMD (the stack's vendor).</summary>
    public static IReadOnlyList<PublishedResult> FittingRows(StackRelease release, IReadOnlyList<PublishedResult> rows)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Where(r => r.IsOffline && r.Submitter is "NVIDIA" or "AMD" && StackRelease.Of(r, [release]) is not null
            && PublishedSystems.Map(r).System is not null).ToArray();
    }

    /// <summary>
    /// The factor's range: above 0.3 (a release at under a third of the calibrated one's efficiency is a different
    /// product), and at most what keeps every scaled efficiency of the fitting rows' families at or below 1.
    /// </summary>
    public static FittedParameter Parameter(StackRelease release, IEnumerable<Pipeline.Plans.CostParameters> families)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(families);
        var largest = families.Select(f => Math.Max(f.GemmEfficiency, f.KvReadEfficiency)).DefaultIfEmpty(1).Max();
        var maximum = 1 / largest;
        return new FittedParameter(FactorName, Math.Clamp(release.Factor, 0.31, maximum), 0.3, maximum);
    }

    /// <summary>Fits <paramref name="release"/>'s factor on its fitting rows, every other parameter as the catalogue has it.</summary>
    /// <param name="release">The release, its declared factor the start.</param>
    /// <param name="rows">Published results; only <see cref="FittingRows"/> are simulated.</param>
    /// <param name="workload">The data set's lengths.</param>
    /// <param name="parallelism">Rows simulated at once.</param>
    /// <param name="progress">Told each evaluation's factor and cost.</param>
    public static ReleaseCalibrationResult Fit(
        StackRelease release, IReadOnlyList<PublishedResult> rows, MlperfWorkload workload, int parallelism = 1, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var own = FittingRows(release, rows);
        if (own.Count == 0) throw new ArgumentException($"No vendor Offline row ran '{release.Mark}'.", nameof(rows));
        var families = own.Select(r => ResultsFidelity.FamilyOf(PublishedSystems.Map(r).System!.Accelerator))
            .Distinct(StringComparer.Ordinal).Select(Pipeline.Plans.Catalog.AcceleratorCatalog.FamilyCost);
        var evaluations = 0;
        IReadOnlyList<ResultComparison> Compare(double factor) =>
            ResultsFidelity.Compare(own, workload, parallelism: parallelism, releases: [release with { Factor = factor }]);
        var fitted = FitFactor(Parameter(release, families), factor =>
        {
            var residuals = Compare(factor).SelectMany(c => FamilyCalibration.ResidualsOf(c)).ToArray();
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"evaluation {++evaluations}: {FactorName} = {factor:0.####}  cost {residuals.Sum(r => r * r):0.00000}"));
            return residuals;
        });
        // Rounded as the factor is declared and printed, so the table is the declared factor's.
        var rounded = Math.Round(fitted, 3);
        return new ReleaseCalibrationResult(release with { Factor = rounded }, Compare(rounded));
    }

    /// <summary>The least-squares factor for residuals that depend on the factor alone (Levenberg-Marquardt, bounded).</summary>
    public static double FitFactor(FittedParameter parameter, Func<double, double[]> residuals)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(residuals);
        var (values, _) = LeastSquares.Fit([parameter], v => residuals(v[0]), iterations: 8, step: 0.02);
        return values[0];
    }
}
