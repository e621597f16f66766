namespace Pipeline.Calibration.Fidelity;

/// <summary>
/// The ratios a capacity plan rests on, from NVIDIA's and AMD's own v4.1 rows (one submitter per accelerator, so
/// the software is each vendor's best): tokens/s per accelerator of H200 and MI300X against H100, in Offline and
/// Server, and Server against Offline for each system that published both.
/// </summary>
public static class FidelityRatios
{
    private static readonly (string Numerator, string Denominator)[] PerAccelerator = [("h200", "h100-sxm"), ("mi300x", "h100-sxm")];

    /// <summary>Every ratio whose rows were simulated.</summary>
    public static IReadOnlyList<FidelityRatio> Compute(IReadOnlyList<ResultComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var simulated = comparisons.Where(c => c.Prediction is not null && c.System is not null).ToArray();
        var ratios = new List<FidelityRatio>();
        foreach (var scenario in new[] { "Offline", "Server" })
        {
            foreach (var (numerator, denominator) in PerAccelerator)
            {
                if (Reference(simulated, numerator, scenario) is { } a && Reference(simulated, denominator, scenario) is { } b)
                {
                    ratios.Add(new FidelityRatio(
                        $"{a.Row.Round} {scenario} per accelerator: {numerator} / {denominator}",
                        PerGpu(a.Row.TokensPerSecond, a) / PerGpu(b.Row.TokensPerSecond, b),
                        PerGpu(a.Prediction!.TokensPerSecond, a) / PerGpu(b.Prediction!.TokensPerSecond, b)));
                }
            }
        }
        foreach (var offline in simulated.Where(c => c.Row.IsOffline))
        {
            var server = simulated.FirstOrDefault(c => !c.Row.IsOffline && c.Row.Round == offline.Row.Round && c.Row.System == offline.Row.System && c.Row.Submitter == offline.Row.Submitter);
            if (server is null) continue;
            ratios.Add(new FidelityRatio(
                $"{offline.Row.Round} {offline.Row.Submitter} {offline.Row.Accelerators}x {offline.System!.Accelerator}{(offline.System.Power is { } p ? $" {p:0} W" : "")}: Server / Offline",
                server.Row.TokensPerSecond / offline.Row.TokensPerSecond,
                server.Prediction!.TokensPerSecond / offline.Prediction!.TokensPerSecond));
        }
        return ratios;
    }

    // The accelerator's vendor's own row at rated power (NVIDIA for NVIDIA parts, AMD for AMD), newest round first.
    private static ResultComparison? Reference(IEnumerable<ResultComparison> rows, string accelerator, string scenario) =>
        rows.Where(c => c.System!.Accelerator == accelerator && c.System.Power is null && c.Row.Scenario == scenario && c.Row.Accelerators == 8
                && (c.Row.Submitter == "NVIDIA" || c.Row.Submitter == "AMD"))
            .OrderByDescending(c => c.Row.Round, StringComparer.Ordinal).ThenBy(c => c.Row.Line).FirstOrDefault();

    private static double PerGpu(double tokens, ResultComparison c) => tokens / c.Row.Accelerators;
}
