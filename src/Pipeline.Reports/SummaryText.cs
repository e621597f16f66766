using System.Globalization;
using System.Text;
using Pipeline.Plans;
using Pipeline.Runner;
using Pipeline.Serving.Accounting;

namespace Pipeline.Reports;

/// <summary>
/// <c>summary.txt</c>: a run's result laid out like MLPerf LoadGen's <c>mlperf_log_summary.txt</c> (the same
/// section rules, labels and nanosecond integers), so people and scripts that read LoadGen summaries read this one.
/// The figures come from <see cref="RunResult.Metrics"/> (percentiles by <see cref="LatencyStats"/>'s method); the
/// verdict is <see cref="RunResult.Verdict"/>, LoadGen's checks each with its answer, and every reason it gives
/// (limits judged on LoadGen's nearest-rank percentiles, spec/metrics.md). A result without a verdict prints what it
/// cannot tell (early stopping) as not evaluated rather than satisfied.
/// </summary>
public static class SummaryText
{
    private const string Rule = "================================================";
    private static readonly double[] Percentiles = [50, 90, 95, 97, 99, 99.9];

    /// <summary>The summary's text (newline line endings, culture-invariant numbers).</summary>
    public static string Render(RunResult result, ExperimentPlan plan, RunIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(identity);
        var m = result.Metrics;
        var b = plan.Benchmark;
        var text = new Lines();
        text.Raw(Rule).Raw("Pipeline Results Summary (laid out like MLPerf LoadGen's mlperf_log_summary.txt)").Raw(Rule);
        text.Add($"SUT name : {result.Experiment} ({result.Deployment}; {result.Device})");
        text.Add($"Scenario : {ScenarioName(b.Scenario)}");
        text.Add($"Mode     : PerformanceOnly ({(result.Mode == BenchmarkMode.Execute ? "execute: measured step times" : "simulate: cost model")})");
        if (b.Scenario == Scenario.Offline)
        {
            text.Add($"Samples per second: {F(m.RequestThroughput, 2)}").Add($"Tokens per second: {F(m.OutputThroughput, 2)}");
        }
        else
        {
            // LoadGen's definitions: up to the end of the last query issued, not the last to finish.
            text.Add($"Completed samples per second    : {F(m.CompletedRequestThroughput, 2)}").Add($"Completed tokens per second: {F(m.LoadGenOutputThroughput(b.Scenario), 2)}");
        }
        if (b.Scenario == Scenario.SingleStream) text.Add($"90th percentile latency (ns)   : {Ns(m.E2e.LoadGenPercentile(90))}");
        text.Add($"Result is : {(result.IsValid ? "VALID" : "INVALID")}");
        Constraints(text, result, b);
        text.Raw(string.Empty).Raw(Rule).Raw("Additional Stats").Raw(Rule);
        text.Add($"Completed samples : {m.Completed} of {m.Arrived} (rejected {m.Rejected}, preemptions {m.Preemptions})");
        text.Add($"Duration (ns) : {Ns(m.Duration)}");
        Stats(text, m.E2e, "Min latency (ns)", "Max latency (ns)", "Mean latency (ns)", "percentile latency (ns)");
        text.Raw(string.Empty).Add($"Completed tokens per second                 : {F(m.LoadGenOutputThroughput(b.Scenario), 2)}");
        if (b.Scenario != Scenario.Offline) text.Add($"Output tokens per second over the whole run : {F(m.OutputThroughput, 2)} (to the last completion)");
        Stats(text, m.Ttft, "Min First Token latency (ns)", "Max First Token latency (ns)", "Mean First Token latency (ns)",
            "percentile first token latency (ns)");
        text.Raw(string.Empty);
        Stats(text, m.Tpot, "Min Time per Output Token (ns)", "Max Time per Output Token (ns)", "Mean Time per Output Token (ns)",
            "percentile time to output token (ns)");
        if (m.Slo.Count > 0) text.Raw(string.Empty).Add($"Goodput (samples per second within every limit) : {F(m.Goodput, 2)} ({F(m.SloAttainment * 100, 1)}% of samples)");
        Parameters(text, plan, identity);
        text.Raw(string.Empty).Raw("No warnings encountered during test.").Raw(string.Empty);
        text.Raw(result.AbortReason is null ? "No errors encountered during test." : $"Run stopped early: {result.AbortReason}");
        return text.ToString();
    }

    private static void Constraints(Lines text, RunResult result, BenchmarkPlan b)
    {
        var m = result.Metrics;
        var reasons = result.InvalidReasons ?? [];
        if (result.Verdict is { } verdict)
        {
            // The run judged as LoadGen judges it: every check evaluated, limits on LoadGen's nearest-rank percentiles.
            text.Add($"  Performance constraints satisfied : {YesNo(verdict.PerformanceConstraintsMet)}");
            text.Add($"  Min duration satisfied : {YesNo(verdict.MinDurationMet)}");
            text.Add($"  Min queries satisfied : {YesNo(verdict.MinQueriesMet)}");
            text.Add($"  Early stopping satisfied: {YesNo(verdict.EarlyStoppingMet)}");
            foreach (var check in verdict.Limits)
            {
                var limit = check.Limit;
                text.Add($"  {limit.Metric.ToString().ToUpperInvariant()} p{F(limit.Percentile, 1)} {Ms(check.Measured)} ms <= {Ms(limit.Limit)} ms : {YesNo(check.Met)}");
            }
            if (verdict.SingleStreamEstimate is { } estimate) text.Add($"  Early stopping 90th percentile estimate (ns) : {Ns(estimate)}");
        }
        else
        {
            text.Add($"  Performance constraints satisfied : {YesNo(m.SloMet ?? true)}");
            text.Add($"  Min duration satisfied : {YesNo(b.Duration is not { } min || m.Duration >= min)}");
            text.Add($"  Min queries satisfied : {YesNo(m.Completed >= b.MinQueryCount)}");
            var earlyStopping = reasons.FirstOrDefault(r => r.Contains("early stopping", StringComparison.OrdinalIgnoreCase));
            text.Add($"  Early stopping satisfied: {(earlyStopping is null ? "not evaluated" : "NO")}");
            foreach (var slo in m.Slo)
            {
                var limit = slo.Limit;
                text.Add($"  {limit.Metric.ToString().ToUpperInvariant()} p{F(limit.Percentile, 1)} {Ms(slo.Observed)} ms <= {Ms(limit.Limit)} ms : {YesNo(slo.Met)}");
            }
        }
        if (reasons.Count > 0)
        {
            text.Raw("INVALID because:");
            foreach (var reason in reasons) text.Add($" * {reason}");
        }
    }

    private static void Stats(Lines text, LatencyStats stats, string min, string max, string mean, string percentile)
    {
        var width = Math.Max(max.Length, $"99.90 {percentile}".Length);
        text.Add($"{min.PadRight(width)} : {Ns(stats.Percentile(0))}");
        text.Add($"{max.PadRight(width)} : {Ns(stats.Max)}");
        text.Add($"{mean.PadRight(width)} : {Ns(stats.Mean)}");
        foreach (var p in Percentiles) text.Add($"{$"{F(p, 2)} {percentile}".PadRight(width)} : {Ns(stats.Percentile(p))}");
    }

    private static void Parameters(Lines text, ExperimentPlan plan, RunIdentity identity)
    {
        var b = plan.Benchmark;
        text.Raw(string.Empty).Raw(Rule).Raw("Test Parameters Used").Raw(Rule);
        text.Add($"scenario : {ScenarioName(b.Scenario)}");
        if (b.Workload.Arrivals is PoissonArrivals poisson) text.Add($"target_qps : {F(poisson.Rate, 6)}");
        foreach (var limit in b.Slo.Limits)
        {
            text.Add($"{limit.Metric.ToString().ToLowerInvariant()}_latency (ns) p{F(limit.Percentile, 1)} : {Ns(limit.Limit)}");
        }
        text.Add($"min_duration (ms): {(b.Duration is { } d ? F(d * 1000, 0) : "0")}");
        text.Add($"min_query_count : {b.MinQueryCount}");
        if (b.Workload.Requests is { } requests) text.Add($"query_count : {requests}");
        text.Add($"workload_seed : {identity.Seed}");
        text.Add($"benchmark_seed : {b.Seed}");
        if (identity.Cell is { } cell)
        {
            text.Add($"sweep_cell : {cell}");
            foreach (var (setting, value) in identity.Swept) text.Add($"{setting} : {F(value, 6)}");
        }
    }

    private static string ScenarioName(Scenario scenario) => scenario.ToString();

    private static string YesNo(bool value) => value ? "Yes" : "NO";

    private static string Ns(double seconds) => Math.Round(seconds * 1e9).ToString("0", CultureInfo.InvariantCulture);

    private static string Ms(double seconds) => F(seconds * 1000, 3);

    private static string F(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    private sealed class Lines
    {
        private readonly StringBuilder _text = new();

        public Lines Raw(string line)
        {
            _text.Append(line).Append('\n');
            return this;
        }

        public Lines Add(FormattableString line) => Raw(line.ToString(CultureInfo.InvariantCulture));

        public override string ToString() => _text.ToString();
    }
}
