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
    /// <summary>The compared metrics: mean, median and p99 TTFT, mean, median and p99 TPOT, output tokens/s.</summary>
    public static IReadOnlyList<ExecuteComparison> Compare(ServingMetrics measured, ServingMetrics simulated) => Compare([measured], simulated);

    /// <summary>The metrics over several execute rounds (median and range of each) against one simulated run.</summary>
    public static IReadOnlyList<ExecuteComparison> Compare(IReadOnlyList<ServingMetrics> measured, ServingMetrics simulated)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(simulated);
        return Metrics.Select(m => ExecuteComparison.AcrossRounds(m.Name, measured.Select(m.Value).ToArray(), m.Value(simulated), m.IsRate)).ToArray();
    }

    /// <summary>The metrics over paired rounds: round i's execute run against its simulate twin calibrated just before it.</summary>
    public static IReadOnlyList<PairedComparison> ComparePaired(IReadOnlyList<ServingMetrics> measured, IReadOnlyList<ServingMetrics> simulated)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(simulated);
        return Metrics.Select(m => new PairedComparison(m.Name, measured.Select(m.Value).ToArray(), simulated.Select(m.Value).ToArray(), m.IsRate)).ToArray();
    }

    // The compared metrics, in the tables' order. The medians show the typical step, which the calibrated predictor
    // models; a mean above its median is the run's stalls (a shared machine's), which no per-shape model predicts.
    private static readonly (string Name, Func<ServingMetrics, double> Value, bool IsRate)[] Metrics =
    [
        ("mean TTFT", m => m.Ttft.Mean, false),
        ("median TTFT", m => m.Ttft.Median, false),
        ("p99 TTFT", m => m.Ttft.P99, false),
        ("mean TPOT", m => m.Tpot.Mean, false),
        ("median TPOT", m => m.Tpot.Median, false),
        ("p99 TPOT", m => m.Tpot.P99, false),
        ("output tok/s", m => m.OutputThroughput, true),
    ];

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

    /// <summary>
    /// The paired-rounds table under a header naming the experiment: per metric the measured and simulated medians, the
    /// median of the rounds' differences, their range, and how many rounds lie within <paramref name="tolerance"/>.
    /// </summary>
    public static string RenderPaired(string experiment, IReadOnlyList<PairedComparison> rows, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.Append(experiment).Append('\n');
        text.Append(Invariant($"metric | measured (median) | simulated (median) | diff % (median of rounds) | diff range | rounds within {tolerance * 100:0.#}%\n"));
        foreach (var row in rows)
        {
            text.Append(row.Metric).Append(" | ").Append(Format(row.MeasuredMedian, row.IsRate)).Append(" | ")
                .Append(Format(row.SimulatedMedian, row.IsRate)).Append(" | ")
                .Append(row.MedianDifference is { } d ? Percent(d) : "-").Append(" | ")
                .Append(row.DifferenceRange is { } r ? $"{Percent(r.Low)} .. {Percent(r.High)}" : "-").Append(" | ")
                .Append(Invariant($"{row.RoundsWithin(tolerance)}/{row.Measured.Count}")).Append('\n');
        }
        return text.ToString();
    }

    private static string Format(double value, bool rate) => rate ? Invariant($"{value:0.#} tok/s") : Invariant($"{value * 1e3:0.000} ms");

    // Rounded first, so a tiny negative difference prints +0.0%, not -0.0%.
    private static string Percent(double share) => Math.Round(share * 100, 1) is var p && p == 0 ? "+0.0%" : Invariant($"{p:+0.0;-0.0}%");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
