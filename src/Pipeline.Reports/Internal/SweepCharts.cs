using Pipeline.Plans;
using ScottPlot;

namespace Pipeline.Reports.Internal;

/// <summary>The charts of a sweep: throughput against p99 TTFT and p99 TPOT (Pareto front marked), goodput against offered load.</summary>
internal static class SweepCharts
{
    public static Plot ThroughputAgainst(IReadOnlyList<SweepCell> cells, string metric, Func<SweepCell, double> latencySeconds,
        IEnumerable<SloLimit> limits)
    {
        var plot = new Plot();
        var points = cells.Select(c => (Latency: latencySeconds(c) * 1000, Throughput: c.Figures.OutputThroughput)).ToArray();
        var all = plot.Add.ScatterPoints(points.Select(p => p.Latency).ToArray(), points.Select(p => p.Throughput).ToArray());
        all.MarkerSize = 7;
        all.LegendText = "sweep cells";
        var front = ParetoFront.Of(points);
        if (front.Count > 0)
        {
            var line = plot.Add.Scatter(front.Select(i => points[i].Latency).ToArray(), front.Select(i => points[i].Throughput).ToArray());
            line.MarkerSize = 11;
            line.MarkerShape = MarkerShape.OpenCircle;
            line.LineWidth = 2;
            line.Color = Colors.Orange;
            line.LegendText = "Pareto front";
        }
        foreach (var limit in limits)
        {
            var slo = plot.Add.VerticalLine(limit.Limit * 1000);
            slo.LinePattern = LinePattern.Dashed;
            slo.Color = Colors.Red;
            slo.LegendText = Format.Invariant($"{metric} p{limit.Percentile:G4} limit {limit.Limit * 1000:G6} ms");
        }
        plot.Title($"Output throughput against p99 {metric}");
        plot.XLabel($"p99 {metric} (ms)");
        plot.YLabel("output tokens per second");
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>One series per combination of the other swept settings, ordered by offered load.</summary>
    public static Plot GoodputAgainstLoad(IReadOnlyList<SweepCell> cells)
    {
        var plot = new Plot();
        var withRate = cells.Where(c => c.Figures.OfferedRate is not null).ToArray();
        var groups = withRate.GroupBy(c => string.Join(", ", c.Identity.Swept
            .Where(s => !s.Key.Contains("rate", StringComparison.OrdinalIgnoreCase))
            .Select(s => $"{s.Key} = {Format.Setting(s.Value)}")));
        foreach (var group in groups)
        {
            var ordered = group.OrderBy(c => c.Figures.OfferedRate).ToArray();
            var series = plot.Add.Scatter(ordered.Select(c => c.Figures.OfferedRate!.Value).ToArray(), ordered.Select(c => c.Figures.Goodput).ToArray());
            series.MarkerSize = 6;
            series.LegendText = group.Key.Length > 0 ? group.Key : "goodput";
        }
        if (withRate.Length == 0) plot.Add.Annotation("no cell has Poisson arrivals: offered load is not defined");
        plot.Title("Goodput against offered load");
        plot.XLabel("offered load (requests per second)");
        plot.YLabel("goodput (requests per second within every limit)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
