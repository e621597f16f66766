using System.Globalization;
using System.Text;
using Pipeline.Serving.Accounting;

namespace Pipeline.Calibration.Fidelity;

/// <summary>
/// The execute-against-simulate table of one experiment: <c>metric | measured | simulated | diff %</c>; after several
/// execute rounds, the measured median and range, and whether the simulated value lies within that range (a difference
/// inside the run-to-run spread is not one the model can be blamed for).
/// </summary>
public static class ExecuteFidelityText
{
    /// <summary>The five compared metrics: mean and p99 TTFT, mean and p99 TPOT, output tokens/s.</summary>
    public static IReadOnlyList<ExecuteComparison> Compare(ServingMetrics measured, ServingMetrics simulated) => Compare([measured], simulated);

    /// <summary>The five metrics over several execute rounds (median and range of each) against one simulated run.</summary>
    public static IReadOnlyList<ExecuteComparison> Compare(IReadOnlyList<ServingMetrics> measured, ServingMetrics simulated)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(simulated);
        ExecuteComparison Row(string metric, Func<ServingMetrics, double> value, bool rate) =>
            ExecuteComparison.AcrossRounds(metric, measured.Select(value).ToArray(), value(simulated), rate);
        return
        [
            Row("mean TTFT", m => m.Ttft.Mean, false),
            Row("p99 TTFT", m => m.Ttft.P99, false),
            Row("mean TPOT", m => m.Tpot.Mean, false),
            Row("p99 TPOT", m => m.Tpot.P99, false),
            Row("output tok/s", m => m.OutputThroughput, true),
        ];
    }

    /// <summary>The table under a header naming the experiment.</summary>
    public static string Render(string experiment, IReadOnlyList<ExecuteComparison> rows)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.Append(experiment).Append('\n');
        var ranged = rows.Any(r => r.MeasuredRange is not null);
        text.Append(ranged ? "metric | measured (median) | measured range | simulated | diff % | within range\n" : "metric | measured | simulated | diff %\n");
        foreach (var row in rows)
        {
            var diff = row.Difference is { } d ? Percent(d) : "-";
            text.Append(row.Metric).Append(" | ").Append(Format(row.Measured, row.IsRate)).Append(" | ");
            if (ranged)
            {
                text.Append(row.MeasuredRange is { } r ? $"{Format(r.Low, row.IsRate)} .. {Format(r.High, row.IsRate)}" : "-").Append(" | ");
            }
            text.Append(Format(row.Simulated, row.IsRate)).Append(" | ").Append(diff);
            if (ranged) text.Append(" | ").Append(row.WithinRange switch { true => "yes", false => "no", null => "-" });
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Format(double value, bool rate) => rate ? Invariant($"{value:0.#} tok/s") : Invariant($"{value * 1e3:0.000} ms");

    // Rounded first, so a tiny negative difference prints +0.0%, not -0.0%.
    private static string Percent(double share) => Math.Round(share * 100, 1) is var p && p == 0 ? "+0.0%" : Invariant($"{p:+0.0;-0.0}%");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
