using System.Text.RegularExpressions;
using ScottPlot;

namespace Pipeline.Reports.Internal;

/// <summary>
/// Draws the report's charts with ScottPlot and saves each as PNG and SVG beside the report; the SVG text is also
/// returned for inlining into <c>report.html</c> (without its XML declaration).
/// </summary>
internal static partial class Charts
{
    public const int Width = 720;
    public const int Height = 420;

    /// <summary>The most points a distribution curve is drawn with.</summary>
    public const int MaxCdfPoints = 1000;

    /// <summary>Saves <c>{folder}/{name}.png</c> and <c>.svg</c>; returns the SVG markup and the two paths.</summary>
    public static SavedChart Save(Plot plot, string folder, string name)
    {
        var png = Path.Combine(folder, name + ".png");
        var svgPath = Path.Combine(folder, name + ".svg");
        plot.SavePng(png, Width, Height);
        var svg = StableIds(plot.GetSvgXml(Width, Height), name);
        File.WriteAllText(svgPath, svg);
        return new SavedChart(name, Inline(svg), [png, svgPath]);
    }

    /// <summary>
    /// ScottPlot names clip paths from a counter that runs for the whole process (<c>cl_4</c>, <c>cl_1c</c>, ...), so
    /// the same chart drawn in two processes, or second in one, differed. Renamed in order of first appearance and
    /// prefixed with the chart's name (<c>cl-ttft-1</c>), the SVG depends on the chart alone, and the ids stay unique
    /// on a page that inlines several charts.
    /// </summary>
    internal static string StableIds(string svg, string name)
    {
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, match =>
        {
            var id = match.Groups["id"].Value;
            if (!renamed.TryGetValue(id, out var stable))
            {
                stable = $"cl-{name}-{renamed.Count + 1}";
                renamed[id] = stable;
            }
            return match.Groups["head"].Value + stable + match.Groups["tail"].Value;
        });
    }

    [GeneratedRegex(@"(?<head>id=""|url\(#)(?<id>cl_[0-9a-f]+)(?<tail>[""\)])", RegexOptions.CultureInvariant)]
    private static partial Regex ClipId();

    /// <summary>
    /// The empirical CDF of <paramref name="valuesMs"/> with the limit as a dashed vertical line: the share of
    /// requests at or below each latency, so the limit's percentile is read where the line crosses the curve.
    /// </summary>
    public static Plot Cdf(IReadOnlyList<double> valuesMs, string metric, IEnumerable<(double Ms, string Label)> limits)
    {
        var plot = new Plot();
        var sorted = valuesMs.Order().ToArray();
        if (sorted.Length > 0)
        {
            // At most MaxCdfPoints exact points of the CDF (evenly spaced ranks, both ends kept), so a million
            // requests still draw a small SVG and page.
            var ranks = sorted.Length <= MaxCdfPoints
                ? Enumerable.Range(0, sorted.Length).ToArray()
                : Enumerable.Range(0, MaxCdfPoints).Select(j => (int)Math.Round(j * (sorted.Length - 1.0) / (MaxCdfPoints - 1))).ToArray();
            var shares = ranks.Select(i => 100.0 * (i + 1) / sorted.Length).ToArray();
            var curve = plot.Add.Scatter(ranks.Select(i => sorted[i]).ToArray(), shares);
            curve.MarkerSize = sorted.Length <= 64 ? 4 : 0;
            curve.ConnectStyle = ConnectStyle.StepHorizontal;
            curve.LegendText = $"{metric} ({sorted.Length} requests)";
        }
        else
        {
            plot.Add.Annotation($"no request has a {metric}");
        }
        foreach (var (ms, label) in limits)
        {
            var line = plot.Add.VerticalLine(ms);
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Red;
            line.LegendText = label;
        }
        plot.Title($"{metric} distribution (CDF)");
        plot.XLabel($"{metric} (ms)");
        plot.YLabel("requests at or below (%)");
        plot.Axes.SetLimitsY(0, 100);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>Strips the XML declaration so the SVG can sit inside HTML.</summary>
    public static string Inline(string svg)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}
