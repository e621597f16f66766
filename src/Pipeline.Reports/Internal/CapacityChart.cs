using Pipeline.Runner.Capacity;
using ScottPlot;

namespace Pipeline.Reports.Internal;

/// <summary>
/// A capacity plan's Pareto plot: cost per hour against peak goodput for every searched candidate, the Pareto front
/// (no other candidate is both cheaper and higher), pruned candidates at their roofline bound (their peak is below
/// it), the traffic as a dashed line and the answer ringed.
/// </summary>
internal static class CapacityChart
{
    public static Plot Pareto(CapacityReport report)
    {
        var plot = new Plot();
        var replayed = report.Trace is not null;
        var searched = report.Candidates.Where(c => c.Sustained is not null).ToArray();
        var all = plot.Add.ScatterPoints(searched.Select(c => c.UsdPerHour).ToArray(), searched.Select(c => c.Sustained!.Value).ToArray());
        all.MarkerSize = 7;
        all.LegendText = replayed ? "candidates (goodput on the trace)" : "searched candidates";
        var pruned = report.Candidates.Where(c => c.Outcome == CandidateOutcome.Pruned).ToArray();
        if (pruned.Length > 0)
        {
            var bounds = plot.Add.ScatterPoints(pruned.Select(c => c.UsdPerHour).ToArray(), pruned.Select(c => c.Bound).ToArray());
            bounds.MarkerShape = MarkerShape.Eks;
            bounds.MarkerSize = 8;
            bounds.Color = Colors.Gray;
            bounds.LegendText = "pruned (at its roofline bound)";
        }
        var front = report.ParetoFront;
        if (front.Count > 0)
        {
            var line = plot.Add.Scatter(front.Select(c => c.UsdPerHour).ToArray(), front.Select(c => c.Sustained!.Value).ToArray());
            line.MarkerSize = 11;
            line.MarkerShape = MarkerShape.OpenCircle;
            line.LineWidth = 2;
            line.Color = Colors.Orange;
            line.LegendText = "Pareto front";
        }
        var traffic = plot.Add.HorizontalLine(report.Traffic);
        traffic.LinePattern = LinePattern.Dashed;
        traffic.Color = Colors.Red;
        traffic.LegendText = Format.Invariant($"traffic {(replayed ? "(the trace's mean) " : "")}{report.Traffic:G6} req/s");
        if (report.Cheapest is { } best)
        {
            var answer = plot.Add.ScatterPoints(new[] { best.UsdPerHour }, new[] { best.Sustained!.Value });
            answer.MarkerShape = MarkerShape.OpenSquare;
            answer.MarkerSize = 16;
            answer.Color = Colors.Green;
            answer.LegendText = Format.Invariant($"cheapest that meets it: #{best.Index}");
        }
        plot.Title($"Capacity plan {report.Experiment}: cost against {(replayed ? "goodput on the trace" : "peak goodput")}");
        plot.XLabel("cost (USD per hour)");
        plot.YLabel(replayed ? "goodput on the trace (req/s)" : "peak goodput (highest VALID rate, req/s)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
