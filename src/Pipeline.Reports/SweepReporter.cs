using System.Text;
using Pipeline.Plans;
using Pipeline.Reports.Internal;
using Pipeline.Runner;
using Pipeline.Runner.Cells;
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

    /// <summary>The cells added so far, in the order they were added (the files list them by cell index).</summary>
    public IReadOnlyList<SweepCell> Cells => _cells;

    /// <summary>Adds a finished cell.</summary>
    public SweepCell Add(ExperimentPlan cellPlan, RunIdentity identity, RunResult result, string cellFolder)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Add(identity, CellFigures.Of(cellPlan, result), cellFolder);
    }

    /// <summary>Adds a cell's result, as a cell executor returned it (results may come in any order).</summary>
    /// <exception cref="ArgumentException">The cell did not run (it has no figures).</exception>
    public SweepCell Add(CellResult result, string cellFolder)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Figures is null) throw new ArgumentException($"cell {result.Index} did not run: it has no figures", nameof(result));
        return Add(new RunIdentity(result.Seed, result.Index, result.Swept), result.Figures, cellFolder);
    }

    private SweepCell Add(RunIdentity identity, CellFigures f, string cellFolder)
    {
        var cell = new SweepCell(identity, cellFolder, f);
        _cells.Add(cell);
        return cell;
    }

    /// <summary>Writes the sweep's files; returns their paths.</summary>
    public IReadOnlyList<string> Complete()
    {
        Directory.CreateDirectory(_folder);
        // Cells finish in any order (a cluster runs them in parallel): the files list them by index, whatever the order.
        var cells = _cells.OrderBy(c => c.Identity.Cell ?? 0).ToArray();
        var files = new List<string>();
        var csv = Path.Combine(_folder, ReportFiles.Sweep);
        File.WriteAllText(csv, SweepCsv.Render(cells, Axes()), new UTF8Encoding(false));
        files.Add(csv);
        var limits = _plan.Benchmark.Slo.Limits;
        var charts = new[]
        {
            Charts.Save(SweepCharts.ThroughputAgainst(cells, "TTFT", c => c.Figures.P99TtftSeconds, limits.Where(l => l.Metric == LatencyMetric.Ttft)),
                _folder, "throughput-vs-ttft"),
            Charts.Save(SweepCharts.ThroughputAgainst(cells, "TPOT", c => c.Figures.P99TpotSeconds, limits.Where(l => l.Metric == LatencyMetric.Tpot)),
                _folder, "throughput-vs-tpot"),
            Charts.Save(SweepCharts.GoodputAgainstLoad(cells), _folder, "goodput-vs-load"),
        };
        foreach (var chart in charts) files.AddRange(chart.Files);
        var html = Path.Combine(_folder, ReportFiles.Html);
        File.WriteAllText(html, SweepPage.Render(_plan, cells, Axes(), charts, _folder), new UTF8Encoding(false));
        files.Add(html);
        return files;
    }

    private IReadOnlyList<string> Axes() =>
        _plan.Benchmark.Sweep?.Axes.Select(a => a.Setting).ToArray()
        ?? _cells.SelectMany(c => c.Identity.Swept.Select(s => s.Key)).Distinct().ToArray();
}
