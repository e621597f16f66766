using System.Globalization;
using System.Text;

namespace Pipeline.Calibration.Fidelity;

/// <summary>
/// Renders predicted against published results as a text table (one row per result, skipped rows with their
/// reason), then the ratios that a capacity plan rests on: per-accelerator speed between systems, and Server
/// against Offline on the same system.
/// </summary>
public static class ResultsFidelityText
{
    /// <summary>The table and the ratios.</summary>
    public static string Render(IReadOnlyList<ResultComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var text = new StringBuilder();
        text.AppendLine("line | result | tok/s published | tok/s predicted | error | p99 TPOT published | predicted | error | mean TPOT published | predicted | error | p99 TTFT published | predicted | mean TTFT published | predicted");
        foreach (var c in comparisons)
        {
            var r = c.Row;
            if (c.Prediction is not { } p)
            {
                text.AppendLine(Invariant($"{r.Line} | {r.Label} | {r.TokensPerSecond:0.#} | skipped: {c.Skipped}"));
                continue;
            }
            text.AppendLine(Invariant(
                $"{r.Line} | {r.Label} | {r.TokensPerSecond:0.#} | {p.TokensPerSecond:0.#} | {Percent(c.TokensError)} | {Ms(r.TpotP99)} | {Ms(r.IsOffline ? null : p.TpotP99)} | {Percent(c.TpotError)} | {Ms(r.TpotMean)} | {Ms(r.IsOffline ? null : p.TpotMean)} | {Percent(c.TpotMeanError)} | {Ms(r.TtftP99)} | {Ms(r.IsOffline ? null : p.TtftP99)} | {Ms(r.TtftMean)} | {Ms(r.IsOffline ? null : p.TtftMean)}"));
        }
        var ratios = FidelityRatios.Compute(comparisons);
        if (ratios.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("ratio | published | predicted | error");
            foreach (var ratio in ratios)
            {
                text.AppendLine(Invariant($"{ratio.Name} | {ratio.Published:0.###} | {ratio.Predicted:0.###} | {Percent(ratio.Predicted / ratio.Published - 1)}"));
            }
        }
        var simulated = comparisons.Where(c => c.Prediction is not null).ToArray();
        if (simulated.Length > 0)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"rows simulated {simulated.Length} of {comparisons.Count}; ") +
                Invariant($"mean |error| tok/s {simulated.Average(c => Math.Abs(c.TokensError!.Value)) * 100:0.0}%, ") +
                Invariant($"worst {simulated.Max(c => Math.Abs(c.TokensError!.Value)) * 100:0.0}%"));
        }
        return text.ToString();
    }

    private static string Percent(double? value) => value is { } v ? Invariant($"{v * 100:+0.0;-0.0;0.0}%") : "-";

    private static string Ms(double? seconds) => seconds is { } s ? Invariant($"{s * 1000:0.#} ms") : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
