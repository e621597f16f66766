using System.Globalization;
using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Published;

namespace Pipeline.Calibration.Fitting;

/// <summary>
/// Fits one accelerator family's cost parameters to published results: every row by its tokens/s (Offline: the
/// whole run; Server: at the published rate), as a log ratio so a 10% miss weighs the same on a small and a large
/// system. The p99 TPOT is not fitted: near saturation it moves by tens of percent for a few percent of step time,
/// so it would drag device efficiencies to explain what the workload's unpublished prompt lengths decide; it is
/// reported as a check instead. Only the device efficiencies throughput identifies are fitted; the rest stay at
/// the catalogue's sourced values.
/// </summary>
public static class FamilyCalibration
{
    /// <summary>The parameters fitted for every family, with their physical ranges.</summary>
    public static IReadOnlyList<FittedParameter> Parameters(Pipeline.Plans.CostParameters start) =>
    [
        new("gemm_efficiency", start.GemmEfficiency, 0.2, 1),
        new("kv_read_efficiency", start.KvReadEfficiency, 0.2, 1),
    ];

    /// <summary>Fits the family's parameters on the rows that map to it.</summary>
    /// <param name="family">The family (<c>nvidia-hopper</c>, <c>amd-cdna3</c>).</param>
    /// <param name="rows">Published results; rows of other families, or that cannot be simulated, are ignored.</param>
    /// <param name="workload">The data set's lengths.</param>
    /// <param name="start">The parameters to start from (the catalogue's).</param>
    /// <param name="parallelism">Rows simulated at once.</param>
    /// <param name="progress">Told each evaluation's cost.</param>
    public static CalibrationResult Fit(
        string family, IReadOnlyList<PublishedResult> rows, MlperfWorkload workload, Pipeline.Plans.CostParameters start,
        int parallelism = 1, Action<string>? progress = null)
    {
        var own = FittingRows(family, rows);
        if (own.Count == 0) throw new ArgumentException($"No published row maps to family '{family}'.", nameof(family));
        var parameters = Parameters(start);
        var evaluations = 0;
        double[] Residuals(double[] values)
        {
            var settings = Settings(parameters, values);
            var comparisons = ResultsFidelity.Compare(own, workload, _ => settings, parallelism);
            var residuals = comparisons.SelectMany(ResidualsOf).ToArray();
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"evaluation {++evaluations}: {string.Join("  ", settings)}  cost {residuals.Sum(r => r * r):0.0000}"));
            return residuals;
        }
        var (fitted, _) = LeastSquares.Fit(parameters, Residuals, iterations: 6, step: 0.05);
        var finalSettings = Settings(parameters, fitted);
        return new CalibrationResult(family, finalSettings, ResultsFidelity.Compare(own, workload, _ => finalSettings, parallelism));
    }

    /// <summary>
    /// The rows a family is fitted on: its vendor's own submissions (NVIDIA for NVIDIA parts, AMD for AMD) in the
    /// newest round, the best-tuned software for each system. Other submitters and the older round are left to check
    /// the fit (<c>pipeline fidelity</c>).
    /// </summary>
    public static IReadOnlyList<PublishedResult> FittingRows(string family, IReadOnlyList<PublishedResult> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var own = rows.Where(r => PublishedSystems.Map(r).System is { } s && ResultsFidelity.FamilyOf(s.Accelerator) == family).ToArray();
        var vendor = own.Where(r => r.Submitter is "NVIDIA" or "AMD").ToArray();
        var newest = vendor.Select(r => r.Round).DefaultIfEmpty("").Max(StringComparer.Ordinal);
        return vendor.Where(r => r.Round == newest).ToArray();
    }

    /// <summary>The residual a row contributes: the log ratio of predicted to published tokens/s.</summary>
    public static IEnumerable<double> ResidualsOf(ResultComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        if (comparison.Prediction is not { } p) yield break;
        yield return Math.Log(p.TokensPerSecond / comparison.Row.TokensPerSecond);
    }

    /// <summary>The <c>cost { }</c> lines of fitted values, in their units.</summary>
    public static IReadOnlyList<string> Settings(IReadOnlyList<FittedParameter> parameters, double[] values) =>
        parameters.Select((p, i) => string.Create(CultureInfo.InvariantCulture,
            $"{p.Name} = {values[i] / p.Scale:0.####}{(p.Unit.Length > 0 ? " " + p.Unit : "")}")).ToArray();
}
