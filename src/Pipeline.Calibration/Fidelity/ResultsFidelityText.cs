using System.Globalization;
using System.Text;

namespace Pipeline.Calibration.Fidelity;

/// <summary>
/// Renders predicted against published results as a text table (one row per result, skipped rows with their
/// reason; a Server row ends with the queries one replica held on average, published and simulated, which says
/// whether a TPOT miss is the step's cost or where the run settled on its latency curve), then the ratios that a
/// capacity plan rests on: per-accelerator speed between systems, and Server against Offline on the same system.
/// </summary>
public static class ResultsFidelityText
{
    /// <summary>The table and the ratios.</summary>
    public static string Render(IReadOnlyList<ResultComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var text = new StringBuilder();
        text.AppendLine("line | result | tok/s published | tok/s predicted | error | p99 TPOT published | predicted | error | mean TPOT published | predicted | error | p99 TTFT published | predicted | mean TTFT published | predicted | in flight per replica published | predicted");
        foreach (var c in comparisons)
        {
            var r = c.Row;
            if (c.Prediction is not { } p)
            {
                text.AppendLine(Invariant($"{r.Line} | {r.Label} | {r.TokensPerSecond:0.#} | skipped: {c.Skipped}"));
                continue;
            }
            text.AppendLine(Invariant(
                $"{r.Line} | {r.Label} | {r.TokensPerSecond:0.#} | {p.TokensPerSecond:0.#} | {Percent(c.TokensError)} | {Ms(r.TpotP99)} | {Ms(r.IsOffline ? null : p.TpotP99)} | {Percent(c.TpotError)} | {Ms(r.TpotMean)} | {Ms(r.IsOffline ? null : p.TpotMean)} | {Percent(c.TpotMeanError)} | {Ms(r.TtftP99)} | {Ms(r.IsOffline ? null : p.TtftP99)} | {Ms(r.TtftMean)} | {Ms(r.IsOffline ? null : p.TtftMean)} | {Count(c.PublishedInFlightPerReplica)} | {Count(r.IsOffline ? null : p.InFlightPerReplica)}"));
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
            text.AppendLine(Targets(simulated, ratios));
        }
        return text.ToString();
    }

    // The issue's targets as counts: Offline tokens/s within 10%, Server tokens/s within 15% and p99 TPOT within 20%,
    // ratios within 10%; and the mean TTFT and TPOT within 10% where the means are published.
    private static string Targets(IReadOnlyList<ResultComparison> simulated, IReadOnlyList<FidelityRatio> ratios)
    {
        static string Count(IEnumerable<double?> errors, double share)
        {
            var found = errors.OfType<double>().ToArray();
            return Invariant($"{found.Count(e => Within(e, share))} of {found.Length}");
        }
        var offline = simulated.Where(c => c.Row.IsOffline).ToArray();
        var server = simulated.Where(c => !c.Row.IsOffline).ToArray();
        return $"within target: Offline tok/s (10%) {Count(offline.Select(c => c.TokensError), 0.10)}, Server tok/s (15%) {Count(server.Select(c => c.TokensError), 0.15)}, " +
            $"p99 TPOT (20%) {Count(server.Select(c => c.TpotError), 0.20)}, ratios (10%) {Count(ratios.Select(r => (double?)(r.Predicted / r.Published - 1)), 0.10)}; " +
            $"mean TPOT (10%) {Count(server.Select(c => c.TpotMeanError), 0.10)}, mean TTFT (10%) {Count(server.Select(c => c.TtftMeanError), 0.10)}";
    }

    /// <summary>
    /// The rate each Server row's simulated system sustains at the published p99 TPOT (<see cref="MatchedRates"/>)
    /// against the published rate, then how many rows fall within 5% and 10%.
    /// </summary>
    public static string RenderMatchedRates(IReadOnlyList<MatchedRate> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var text = new StringBuilder();
        text.AppendLine(Invariant($"line | result | published qps | p99 TPOT published | simulated peak qps (p99 TPOT <= published, p99 TTFT <= {ServerLimitsText}) | error | lowest INVALID qps | it broke"));
        foreach (var m in rates)
        {
            var r = m.Row;
            if (m.PeakQps is not { } peak)
            {
                text.AppendLine(Invariant($"{r.Line} | {r.Label} | {r.TargetQps:0.##} | {Ms(r.TpotP99)} | none: {m.Skipped} | - | {Qps(m.LowestInvalidQps)} | {m.LimitedBy ?? "-"}"));
                continue;
            }
            var note = m.Skipped is null ? string.Empty : Invariant($" ({m.Skipped})");
            text.AppendLine(Invariant($"{r.Line} | {r.Label} | {r.TargetQps:0.##} | {Ms(r.TpotP99)} | {peak:0.##}{note} | {Percent(m.Error)} | {Qps(m.LowestInvalidQps)} | {m.LimitedBy ?? "-"}"));
        }
        AppendErrorSummary(text, "rates found", rates.Count, rates.Select(m => m.Error));
        return text.ToString();
    }

    /// <summary>
    /// Each Server row's mean TPOT with the published run's batch held (<see cref="PublishedBatchTpots"/>) against the
    /// published mean, then how many rows fall within 5% and 10%.
    /// </summary>
    public static string RenderPublishedBatchTpots(IReadOnlyList<PublishedBatchTpot> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var text = new StringBuilder();
        text.AppendLine("line | result | in flight per replica published | held batch | mean TPOT published | simulated at the held batch | error");
        foreach (var b in runs)
        {
            var r = b.Row;
            var inFlight = Count(b.System is { } s ? r.MeanInFlightPer(s.Replicas) : null);
            text.AppendLine(b.TpotMean is { } tpot
                ? Invariant($"{r.Line} | {r.Label} | {inFlight} | {b.Batch} | {Ms(r.TpotMean)} | {Ms(tpot)} | {Percent(b.Error)}")
                : Invariant($"{r.Line} | {r.Label} | {inFlight} | - | {Ms(r.TpotMean)} | skipped: {b.Skipped} | -"));
        }
        AppendErrorSummary(text, "rows run", runs.Count, runs.Select(b => b.Error));
        return text.ToString();
    }

    /// <summary>
    /// Each Server row's p99 TPOT with a dearer, the calibrated and a cheaper step (<see cref="CostBands"/>), whether
    /// the published p99 lies inside, then how many do and how wide the bands are.
    /// </summary>
    /// <param name="bands">The bands.</param>
    /// <param name="share">How far the efficiencies moved each way (0.03 for 3%).</param>
    public static string RenderCostBands(IReadOnlyList<CostBand> bands, double share)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var text = new StringBuilder();
        var percent = Invariant($"{share * 100:0.##}%");
        text.AppendLine($"line | result | p99 TPOT published | efficiencies -{percent} | calibrated | efficiencies +{percent} | published inside | band width");
        foreach (var b in bands)
        {
            var r = b.Row;
            text.AppendLine(b.Predicted is { } p
                ? Invariant($"{r.Line} | {r.Label} | {Ms(r.TpotP99)} | {Ms(b.Dearer?.TpotP99)} | {Ms(p.TpotP99)} | {Ms(b.Cheaper?.TpotP99)} | {Verdict(b.ContainsPublishedTpot)} | {Width(b.RelativeWidth)}")
                : Invariant($"{r.Line} | {r.Label} | {Ms(r.TpotP99)} | skipped: {b.Skipped} | - | - | - | -"));
        }
        var judged = bands.Where(b => b.ContainsPublishedTpot is not null).ToArray();
        if (judged.Length > 0)
        {
            var widths = judged.Select(b => b.RelativeWidth!.Value).Order().ToArray();
            text.AppendLine();
            text.AppendLine(Invariant($"published p99 TPOT inside the band on {judged.Count(b => b.ContainsPublishedTpot == true)} of {judged.Length} rows; ") +
                Invariant($"band width median {widths[(widths.Length - 1) / 2] * 100:0.0}%, widest {widths[^1] * 100:0.0}% of the published p99"));
        }
        return text.ToString();
    }

    private static string Width(double? share) => share is { } w ? Invariant($"{w * 100:0.0}%") : "-";

    private static string Verdict(bool? inside) => inside switch { true => "yes", false => "no", null => "-" };

    // "<what> N of M; within 5%: a, within 10%: b; mean |error| m%, worst w%" over the errors found, after a blank line.
    private static void AppendErrorSummary(StringBuilder text, string what, int total, IEnumerable<double?> errors)
    {
        var found = errors.OfType<double>().ToArray();
        if (found.Length == 0) return;
        text.AppendLine();
        text.AppendLine(Invariant($"{what} {found.Length} of {total}; within 5%: {found.Count(e => Within(e, 0.05))}, ") +
            Invariant($"within 10%: {found.Count(e => Within(e, 0.10))}; mean |error| {found.Average(Math.Abs) * 100:0.0}%, ") +
            Invariant($"worst {found.Max(Math.Abs) * 100:0.0}%"));
    }

    // Inclusive, as the table prints it: 110 of 100 is within 10% although 110 / 100 - 1 is 0.1000000000000001.
    private static bool Within(double error, double share) => Math.Abs(error) <= share + 1e-9;

    private static string Qps(double? rate) => rate is { } r ? Invariant($"{r:0.##}") : "-";

    private static string ServerLimitsText => Invariant($"{Published.ServerLimits.MlperfTtftP99:0.#} s");

    private static string Percent(double? value) => value is { } v ? Invariant($"{v * 100:+0.0;-0.0;0.0}%") : "-";

    private static string Count(double? count) => count is { } n ? Invariant($"{n:0}") : "-";

    private static string Ms(double? seconds) => seconds is { } s ? Invariant($"{s * 1000:0.#} ms") : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
