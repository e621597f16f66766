using System.Globalization;
using System.Text;
using Pipeline.Serving.Accounting;

namespace Pipeline.Calibration.Fidelity;

/// <summary>The execute-against-simulate table of one experiment: <c>metric | measured | simulated | diff %</c>.</summary>
public static class ExecuteFidelityText
{
    /// <summary>The five compared metrics: mean and p99 TTFT, mean and p99 TPOT, output tokens/s.</summary>
    public static IReadOnlyList<ExecuteComparison> Compare(ServingMetrics measured, ServingMetrics simulated)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(simulated);
        return
        [
            new("mean TTFT", measured.Ttft.Mean, simulated.Ttft.Mean, false),
            new("p99 TTFT", measured.Ttft.P99, simulated.Ttft.P99, false),
            new("mean TPOT", measured.Tpot.Mean, simulated.Tpot.Mean, false),
            new("p99 TPOT", measured.Tpot.P99, simulated.Tpot.P99, false),
            new("output tok/s", measured.OutputThroughput, simulated.OutputThroughput, true),
        ];
    }

    /// <summary>The table under a header naming the experiment.</summary>
    public static string Render(string experiment, IReadOnlyList<ExecuteComparison> rows)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.Append(experiment).Append('\n');
        text.Append("metric | measured | simulated | diff %\n");
        foreach (var row in rows)
        {
            var diff = row.Difference is { } d ? Percent(d) : "-";
            text.Append(row.Metric).Append(" | ").Append(Format(row.Measured, row.IsRate)).Append(" | ")
                .Append(Format(row.Simulated, row.IsRate)).Append(" | ").Append(diff).Append('\n');
        }
        return text.ToString();
    }

    private static string Format(double value, bool rate) => rate ? Invariant($"{value:0.#} tok/s") : Invariant($"{value * 1e3:0.000} ms");

    // Rounded first, so a tiny negative difference prints +0.0%, not -0.0%.
    private static string Percent(double share) => Math.Round(share * 100, 1) is var p && p == 0 ? "+0.0%" : Invariant($"{p:+0.0;-0.0}%");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
