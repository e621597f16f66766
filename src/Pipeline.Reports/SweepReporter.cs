using System.Text;
using Pipeline.Plans;
using Pipeline.Reports.Internal;
using Pipeline.Runner;
using Pipeline.Serving.Accounting;

namespace Pipeline.Reports;

/// <summary>
/// The report of a whole sweep, in the sweep's top folder beside each cell's own folder: <c>sweep.csv</c> (one row per
/// cell: every swept value, the seed and the headline figures), throughput against p99 TTFT and p99 TPOT with the
/// limits and the Pareto front, goodput against offered load (PNG and SVG), and a <c>report.html</c> that links
/// every cell's page. It keeps one small row per cell, never a timeline.
/// </summary>
public sealed class SweepReporter
{
    private readonly List<SweepCell> _cells = [];
    private readonly string _folder;
    private readonly ExperimentPlan _plan;

    /// <summary>A sweep report for <paramref name="plan"/> (any cell's plan: the axes and limits are shared).</summary>
    public SweepReporter(string folder, ExperimentPlan plan)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(plan);
        _folder = folder;
        _plan = plan;
    }

    /// <summary>The cells added so far, in the order they ran.</summary>
    public IReadOnlyList<SweepCell> Cells => _cells;

    /// <summary>Adds a finished cell.</summary>
    public SweepCell Add(ExperimentPlan cellPlan, RunIdentity identity, RunResult result, string cellFolder)
    {
        ArgumentNullException.ThrowIfNull(cellPlan);
        ArgumentNullException.ThrowIfNull(result);
        var m = result.Metrics;
        var rate = cellPlan.Benchmark.Workload.Arrivals is PoissonArrivals poisson ? poisson.Rate : (double?)null;
        var cell = new SweepCell(identity, cellFolder, rate, m.Completed, m.RequestThroughput, m.OutputThroughput, m.Goodput,
            m.Ttft.P99, m.Tpot.P99, m.SloMet, result.IsValid);
        _cells.Add(cell);
        return cell;
    }

    /// <summary>Writes the sweep's files; returns their paths.</summary>
    public IReadOnlyList<string> Complete()
    {
        Directory.CreateDirectory(_folder);
        var files = new List<string>();
        var csv = Path.Combine(_folder, ReportFiles.Sweep);
        File.WriteAllText(csv, SweepCsv.Render(_cells, Axes()), new UTF8Encoding(false));
        files.Add(csv);
        var limits = _plan.Benchmark.Slo.Limits;
        var charts = new[]
        {
            Charts.Save(SweepCharts.ThroughputAgainst(_cells, "TTFT", c => c.P99TtftSeconds, limits.Where(l => l.Metric == LatencyMetric.Ttft)),
                _folder, "throughput-vs-ttft"),
            Charts.Save(SweepCharts.ThroughputAgainst(_cells, "TPOT", c => c.P99TpotSeconds, limits.Where(l => l.Metric == LatencyMetric.Tpot)),
                _folder, "throughput-vs-tpot"),
            Charts.Save(SweepCharts.GoodputAgainstLoad(_cells), _folder, "goodput-vs-load"),
        };
        foreach (var chart in charts) files.AddRange(chart.Files);
        var html = Path.Combine(_folder, ReportFiles.Html);
        File.WriteAllText(html, SweepPage.Render(_plan, _cells, Axes(), charts, _folder), new UTF8Encoding(false));
        files.Add(html);
        return files;
    }

    private IReadOnlyList<string> Axes() =>
        _plan.Benchmark.Sweep?.Axes.Select(a => a.Setting).ToArray()
        ?? _cells.SelectMany(c => c.Identity.Swept.Select(s => s.Key)).Distinct().ToArray();
}
