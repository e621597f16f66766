using System.Globalization;
using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Published;

namespace Pipeline.Calibration.Fitting;

/// <summary>
/// Fits one accelerator family's cost parameters to published results: every row by its tokens/s (Offline: the
/// whole run; Server: at the published rate), as a log ratio so a 10% miss weighs the same on a small and a large
/// system. By default only the device efficiencies throughput identifies are fitted; a <see cref="FitPlan"/> can add
/// the Server rows' published mean TPOT to the residuals (at the published rate, or at the published batch) and vary a prefill efficiency, the host's step overhead or
/// the data set's prompt mean. The p99 TPOT and TTFT are never fitted: they test the fit. Everything not fitted keeps
/// the catalogue's sourced value.
/// </summary>
public static class FamilyCalibration
{
    /// <summary>The parameters fitted by default (<see cref="FitPlan.Default"/>), with their physical ranges.</summary>
    public static IReadOnlyList<FittedParameter> Parameters(Pipeline.Plans.CostParameters start) =>
        FitPlan.Default.Parameters.Select(n => FitPlan.Known(n, start, MlperfWorkload.Assumed)).ToArray();

    /// <summary>Fits the family's parameters on the rows that map to it.</summary>
    /// <param name="family">The family (<c>nvidia-hopper</c>, <c>amd-cdna3</c>).</param>
    /// <param name="rows">Published results; rows of other families, or that cannot be simulated, are ignored.</param>
    /// <param name="workload">The data set's lengths (its prompt mean is the start when the plan fits it).</param>
    /// <param name="start">The parameters to start from (the catalogue's).</param>
    /// <param name="parallelism">Rows simulated at once.</param>
    /// <param name="progress">Told each evaluation's cost.</param>
    /// <param name="plan">What to fit and against what; <see cref="FitPlan.Default"/> when null.</param>
    public static CalibrationResult Fit(
        string family, IReadOnlyList<PublishedResult> rows, MlperfWorkload workload, Pipeline.Plans.CostParameters start,
        int parallelism = 1, Action<string>? progress = null, FitPlan? plan = null)
    {
        plan ??= FitPlan.Default;
        var own = FittingRows(family, rows);
        if (own.Count == 0) throw new ArgumentException($"No published row maps to family '{family}'.", nameof(family));
        var parameters = plan.Parameters.Select(n => FitPlan.Known(n, start, workload)).ToArray();
        var evaluations = 0;
        double[] Residuals(double[] values)
        {
            var (settings, trial) = Split(parameters, values, workload);
            var comparisons = ResultsFidelity.Compare(own, trial, _ => settings, parallelism);
            var residuals = comparisons.SelectMany(c => ResidualsOf(c, plan.MeanTpot))
                .Concat(plan.HeldBatchTpot ? PublishedBatchTpots.Compute(own, trial, _ => settings, parallelism).SelectMany(ResidualsOf) : [])
                .ToArray();
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"evaluation {++evaluations}: {string.Join("  ", Settings(parameters, values))}  cost {residuals.Sum(r => r * r):0.0000}"));
            return residuals;
        }
        var (fitted, _) = LeastSquares.Fit(parameters, Residuals, iterations: 6, step: 0.05);
        var (finalSettings, finalWorkload) = Split(parameters, fitted, workload);
        return new CalibrationResult(family, finalSettings, ResultsFidelity.Compare(own, finalWorkload, _ => finalSettings, parallelism), finalWorkload);
    }

    // The cost lines of the fitted values, and the workload with a fitted prompt mean (rounded: lengths are whole tokens).
    private static (IReadOnlyList<string> Cost, MlperfWorkload Workload) Split(IReadOnlyList<FittedParameter> parameters, double[] values, MlperfWorkload workload)
    {
        var index = parameters.Select(p => p.Name).ToList().IndexOf(FitPlan.PromptMean);
        var trial = index < 0 ? workload : workload with { PromptMean = (int)Math.Round(values[index]) };
        var cost = Settings(parameters, values).Where((_, i) => i != index).ToArray();
        return (cost, trial);
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

    /// <summary>
    /// The residuals a row contributes: the log ratio of predicted to published tokens/s, and with
    /// <paramref name="meanTpot"/> that of the mean TPOT where the row publishes one.
    /// </summary>
    public static IEnumerable<double> ResidualsOf(ResultComparison comparison, bool meanTpot = false)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        if (comparison.Prediction is not { } p) yield break;
        yield return Math.Log(p.TokensPerSecond / comparison.Row.TokensPerSecond);
        if (meanTpot && comparison.Row.TpotMean is { } published && published > 0)
        {
            yield return Math.Log(Math.Max(p.TpotMean, 1e-6) / published);
        }
    }

    /// <summary>The residual a held-batch run contributes: the log ratio of its mean TPOT to the published mean, where it ran.</summary>
    public static IEnumerable<double> ResidualsOf(PublishedBatchTpot run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.TpotMean is { } simulated && run.Row.TpotMean is { } published && published > 0)
        {
            yield return Math.Log(Math.Max(simulated, 1e-6) / published);
        }
    }

    /// <summary>The <c>cost { }</c> lines of fitted values, in their units.</summary>
    public static IReadOnlyList<string> Settings(IReadOnlyList<FittedParameter> parameters, double[] values) =>
        parameters.Select((p, i) => string.Create(CultureInfo.InvariantCulture,
            $"{p.Name} = {values[i] / p.Scale:0.####}{(p.Unit.Length > 0 ? " " + p.Unit : "")}")).ToArray();
}
