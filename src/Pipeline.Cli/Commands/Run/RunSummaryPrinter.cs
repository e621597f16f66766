using System.Globalization;
using Pipeline.Runner;
using Pipeline.Serving.Accounting;

namespace Pipeline.Cli.Commands.Run;

/// <summary>Prints a run's counts, throughput, latency percentiles and SLO verdicts as an aligned text table.</summary>
internal static class RunSummaryPrinter
{
    public static void Print(RunResult result, IReadOnlyList<(string Reason, int Count)> rejections, TextWriter writer)
    {
        var m = result.Metrics;
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine($"experiment {result.Experiment}: {result.Policy}, {result.Deployment}, {ModeName(result)} on {result.Device}");
        writer.WriteLine(string.Create(c, $"requests   arrived {m.Arrived}, completed {m.Completed}, rejected {m.Rejected}, preemptions {m.Preemptions}"));
        writer.WriteLine(string.Create(c, $"duration   {m.Duration:F3} s ({(ModeName(result) == "execute" ? "measured step times" : "simulated")}; wall {result.WallSeconds:F1} s)"));
        writer.WriteLine(string.Create(c, $"throughput {m.RequestThroughput:F2} req/s, {m.OutputThroughput:F1} output tok/s, {m.TotalTokenThroughput:F1} total tok/s"));
        writer.WriteLine("latency (ms)        mean        p50        p90        p99");
        Row(writer, "TTFT", m.Ttft);
        Row(writer, "TPOT", m.Tpot);
        Row(writer, "ITL", m.Itl);
        Row(writer, "E2E", m.E2e);
        foreach (var verdict in m.Slo)
        {
            var limit = verdict.Limit;
            writer.WriteLine(string.Create(c,
                $"slo        {limit.Metric.ToString().ToUpperInvariant()} p{limit.Percentile:G4} {verdict.Observed * 1e3:F1} ms <= {limit.Limit * 1e3:F1} ms: {(verdict.Met ? "met" : "MISSED")}"));
        }
        if (m.Slo.Count > 0)
        {
            writer.WriteLine(string.Create(c, $"goodput    {m.Goodput:F2} req/s within SLO ({m.SloAttainment * 100:F1}% of requests)"));
        }
        if (result.AbortReason is not null) writer.WriteLine($"stopped    {result.AbortReason}");
        if (result.Verdict is { Scenario: Pipeline.Plans.Scenario.SingleStream, SingleStreamEstimate: var estimate })
        {
            writer.WriteLine(string.Create(c, $"latency    p90 E2E {m.E2e.LoadGenPercentile(90) * 1e3:F1} ms (LoadGen's early-stopping estimate: {(estimate is { } e ? (e * 1e3).ToString("F1", c) + " ms" : "too few queries")})"));
        }
        writer.WriteLine(result.IsValid ? "result     VALID" : "result     INVALID");
        foreach (var reason in result.InvalidReasons ?? []) writer.WriteLine($"invalid    {reason}");
        foreach (var (reason, count) in rejections) writer.WriteLine(string.Create(c, $"rejected   {count} x {reason}"));
    }

    private static string ModeName(RunResult result) => result.Mode == Pipeline.Plans.BenchmarkMode.Execute ? "execute" : "simulate";

    private static void Row(TextWriter writer, string name, LatencyStats stats) =>
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-12}{stats.Mean * 1e3,11:F2}{stats.Median * 1e3,11:F2}{stats.P90 * 1e3,11:F2}{stats.P99 * 1e3,11:F2}"));
}
