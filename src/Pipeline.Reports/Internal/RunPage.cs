using Pipeline.Plans;
using Pipeline.Plans.Rendering;
using Pipeline.Runner;
using Pipeline.Serving.Accounting;

namespace Pipeline.Reports.Internal;

/// <summary>The <c>report.html</c> of one run: what ran, the verdict, throughput, latency, SLOs, charts, files.</summary>
internal static class RunPage
{
    public static string Render(RunResult result, ExperimentPlan plan, RunIdentity identity, IReadOnlyList<SavedChart> charts)
    {
        var m = result.Metrics;
        var page = new HtmlPage($"{result.Experiment}: {plan.Benchmark.Scenario} run report");
        page.Verdict(result.IsValid, result.InvalidReasons ?? []);
        page.Heading("Run");
        var run = new List<IReadOnlyList<string>>
        {
            Row("scenario", plan.Benchmark.Scenario.ToString()),
            Row("mode", result.Mode == BenchmarkMode.Execute ? "execute (measured step times)" : "simulate (cost model)"),
            Row("policy", result.Policy),
            Row("deployment", result.Deployment),
            Row("device", result.Device),
            Row("workload", Workload(plan.Benchmark.Workload)),
            Row("workload seed", Format.Invariant($"{identity.Seed}")),
        };
        if (identity.Cell is { } cell) run.Add(Row("sweep cell", Format.Invariant($"{cell}")));
        run.AddRange(identity.Swept.Select(s => Row(s.Key, Format.Setting(s.Value))));
        if (result.AbortReason is not null) run.Add(Row("stopped early", result.AbortReason));
        page.Table("run", ["", "value"], run);

        page.Heading("Throughput");
        page.Table("throughput", ["", "value"],
        [
            Row("requests arrived / completed / rejected", Format.Invariant($"{m.Arrived} / {m.Completed} / {m.Rejected}")),
            Row("preemptions", Format.Invariant($"{m.Preemptions}")),
            Row("duration (s)", Format.Fixed(m.Duration, 3)),
            Row("completed requests per second", Format.Fixed(m.RequestThroughput, 3)),
            Row("output tokens per second", Format.Fixed(m.OutputThroughput, 2)),
            Row("total tokens per second", Format.Fixed(m.TotalTokenThroughput, 2)),
            Row("goodput (requests per second within every limit)", Format.Fixed(m.Goodput, 3)),
            Row("requests within every limit", Format.Fixed(m.SloAttainment * 100, 1) + "%"),
        ]);

        page.Heading("Latency (ms)");
        page.Table("latency", ["metric", "count", "mean", "p50", "p90", "p99", "max"],
            [Latency("TTFT", m.Ttft), Latency("TPOT", m.Tpot), Latency("ITL", m.Itl), Latency("E2E", m.E2e)]);

        if (m.Slo.Count > 0)
        {
            page.Heading("Latency limits");
            page.Table("slo", ["limit", "observed (ms)", "limit (ms)", "met"], m.Slo.Select(v => (IReadOnlyList<string>)
            [
                Format.Invariant($"{v.Limit.Metric.ToString().ToUpperInvariant()} p{v.Limit.Percentile:G4}"),
                Format.Ms(v.Observed), Format.Ms(v.Limit.Limit), v.Met ? "yes" : "NO",
            ]));
        }

        page.Heading("Distributions");
        foreach (var chart in charts) page.Chart(chart, $"{chart.Name.ToUpperInvariant()} of every request, with the limits as dashed lines");
        page.Heading("Files");
        page.Files([
            (ReportFiles.Summary, "summary.txt: LoadGen-style summary"),
            (ReportFiles.Requests, "requests.csv: one row per request"),
            (ReportFiles.Trace, "trace.json: Chrome trace (open in ui.perfetto.dev)"),
            (ReportFiles.Result, "result.json: figures as JSON"),
        ]);
        return page.ToString();
    }

    private static string Workload(WorkloadPlan w) =>
        $"{Describe.Arrivals(w.Arrivals)}, prompt {Describe.Length(w.PromptTokens)}, output {Describe.Length(w.OutputTokens)}";

    private static IReadOnlyList<string> Row(string name, string value) => [name, value];

    private static IReadOnlyList<string> Latency(string name, LatencyStats s) =>
        [name, Format.Invariant($"{s.Count}"), Format.Ms(s.Mean), Format.Ms(s.Median), Format.Ms(s.P90), Format.Ms(s.P99), Format.Ms(s.Max)];
}
