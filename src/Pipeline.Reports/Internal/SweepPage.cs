using Pipeline.Plans;

namespace Pipeline.Reports.Internal;

/// <summary>The sweep's <c>report.html</c>: one table row per cell (linking its own page) and the sweep charts.</summary>
internal static class SweepPage
{
    public static string Render(ExperimentPlan plan, IReadOnlyList<SweepCell> cells, IReadOnlyList<string> axes,
        IReadOnlyList<SavedChart> charts, string folder)
    {
        var page = new HtmlPage($"{plan.Name}: sweep of {cells.Count} cells ({plan.Benchmark.Scenario}, {Mode(plan)})");
        var valid = cells.Count(c => c.Figures.Valid);
        page.Paragraph(Format.Invariant($"{valid} of {cells.Count} cells are VALID; {cells.Count(c => c.Figures.SloMet == true)} meet every latency limit."));
        page.Heading("Cells");
        var headers = new[] { "cell" }.Concat(axes)
            .Concat(["offered (req/s)", "output tok/s", "goodput (req/s)", "p99 TTFT (ms)", "p99 TPOT (ms)", "limits met", "result"])
            .ToArray();
        page.Table("cells", headers, cells.Select(c => (IReadOnlyList<string>)new[] { Format.Invariant($"{c.Identity.Cell}") }
            .Concat(axes.Select(a => c.Identity.Swept.Where(s => s.Key == a).Select(s => Format.Setting(s.Value)).FirstOrDefault() ?? ""))
            .Concat([
                c.Figures.OfferedRate is { } r ? Format.Setting(r) : "",
                Format.Fixed(c.Figures.OutputThroughput, 1),
                Format.Fixed(c.Figures.Goodput, 3),
                Format.Ms(c.Figures.P99TtftSeconds),
                Format.Ms(c.Figures.P99TpotSeconds),
                c.Figures.SloMet is { } met ? (met ? "yes" : "NO") : "",
                c.Figures.Valid ? "VALID" : "INVALID",
            ]).ToArray()));
        page.Heading("Throughput, latency and goodput");
        foreach (var chart in charts) page.Chart(chart, Caption(chart.Name));
        page.Heading("Files");
        page.Files(new[] { (ReportFiles.Sweep, "sweep.csv: one row per cell") }
            .Concat(cells.Select(c => (Path.GetRelativePath(folder, Path.Combine(c.Folder, ReportFiles.Html)),
                Format.Invariant($"cell {c.Identity.Cell}: report.html")))));
        return page.ToString();
    }

    private static string Caption(string name) => name switch
    {
        "throughput-vs-ttft" => "Each cell's output throughput against its p99 TTFT; the Pareto front circled, the limit dashed",
        "throughput-vs-tpot" => "Each cell's output throughput against its p99 TPOT; the Pareto front circled, the limit dashed",
        _ => "Goodput (requests per second within every limit) against the offered Poisson rate",
    };

    private static string Mode(ExperimentPlan plan) => plan.Benchmark.Mode == BenchmarkMode.Execute ? "execute" : "simulate";
}
