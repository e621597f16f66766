using System.Text.Json;
using Pipeline.Reports;

namespace Pipeline.Runner.Tests;

public sealed class SimulateModeTests
{
    private static readonly TestPlan Plan = new()
    {
        Slo = new SloPlan([new SloLimit(LatencyMetric.Ttft, 99, 0.5, SloOrigin.Declared), new SloLimit(LatencyMetric.Tpot, 99, 1e-6, SloOrigin.MlperfDefault)]),
    };

    [Fact]
    public void Simulate_mode_runs_on_the_cost_model_and_is_exactly_reproducible()
    {
        var first = ExperimentRunner.Run(Plan.Experiment());
        var second = ExperimentRunner.Run(Plan.Experiment());
        first.Mode.Should().Be(BenchmarkMode.Simulate);
        first.Device.Should().Be("cost-model (h100-sxm x1) (1 worker)");
        first.Metrics.Completed.Should().Be(50);
        ResultJson.ToJson(first).Should().Be(ResultJson.ToJson(second));
        first.Timelines.Select(t => t.End).Should().Equal(second.Timelines.Select(t => t.End));
    }

    [Fact]
    public void A_seed_override_changes_the_workload()
    {
        var a = ExperimentRunner.Run(Plan.Experiment());
        var b = ExperimentRunner.Run(Plan.Experiment(), new RunOptions(Seed: 99));
        a.Timelines.Select(t => t.Arrival).Should().NotEqual(b.Timelines.Select(t => t.Arrival));
    }

    [Fact]
    public void Progress_reports_every_finished_request()
    {
        var reports = new List<RunProgress>();
        ExperimentRunner.Run(Plan.Experiment(), new RunOptions(Progress: new SyncProgress(reports.Add)));
        reports.Should().HaveCount(50);
        reports[^1].Done.Should().Be(50);
        reports[^1].Total.Should().Be(50);
        reports[^1].OutputTokensPerSecond.Should().BePositive();
    }

    [Fact]
    public void Cancellation_stops_gracefully_with_every_issued_request_accounted_for()
    {
        using var cancelled = new CancellationTokenSource();
        var reports = 0;
        var progress = new SyncProgress(_ =>
        {
            if (++reports == 10) cancelled.Cancel();
        });
        var result = ExperimentRunner.Run(Plan.Experiment(), new RunOptions(Progress: progress, Cancellation: cancelled.Token));
        result.AbortReason.Should().Be(ExperimentRunner.Interrupted);
        result.Metrics.Completed.Should().Be(10);
        result.Metrics.Arrived.Should().Be(result.Metrics.Completed + result.Metrics.Rejected);
        result.Metrics.Arrived.Should().BeLessThan(50, "queries the load generator had not issued yet never arrive");
        result.Timelines.Where(t => !t.IsCompleted).All(t => t.RejectionReason == ExperimentRunner.Interrupted).Should().BeTrue();
    }

    [Fact]
    public void A_run_cancelled_before_it_starts_issues_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var result = ExperimentRunner.Run(Plan.Experiment(), new RunOptions(Cancellation: cancelled.Token));
        result.AbortReason.Should().Be(ExperimentRunner.Interrupted);
        result.Metrics.Arrived.Should().Be(0);
    }

    [Fact]
    public void A_bad_trace_is_a_diagnostic_not_an_exception()
    {
        var plan = Plan with { Workload = Plan.Workload with { Arrivals = new TraceArrivals("missing.csv"), Requests = null } };
        var result = ExperimentRunner.Run(plan.Experiment());
        result.Succeeded.Should().BeFalse();
        result.Diagnostics.Single().Message.Should().Contain("missing.csv");
        ResultJson.ToJson(result).Should().Contain("\"diagnostics\"");
    }

    [Fact]
    public void Result_json_uses_vllm_benchmark_field_names_and_slo_verdicts()
    {
        var result = ExperimentRunner.Run(Plan.Experiment());
        using var json = JsonDocument.Parse(ResultJson.ToJson(result));
        var root = json.RootElement;
        string[] vllm =
        [
            "completed", "duration", "request_throughput", "output_throughput", "total_token_throughput",
            "mean_ttft_ms", "median_ttft_ms", "p99_ttft_ms", "mean_tpot_ms", "median_tpot_ms", "p99_tpot_ms",
            "mean_itl_ms", "median_itl_ms", "p99_itl_ms", "mean_e2el_ms", "median_e2el_ms", "p99_e2el_ms",
            "total_input_tokens", "total_output_tokens",
        ];
        foreach (var name in vllm)
        {
            root.TryGetProperty(name, out _).Should().BeTrue(name);
        }
        root.GetProperty("arrived").GetInt32().Should().Be(50);
        root.GetProperty("rejected").GetInt32().Should().Be(0);
        root.GetProperty("preemptions").GetInt32().Should().Be(0);
        root.GetProperty("mode").GetString().Should().Be("simulate");
        root.GetProperty("policy").GetString().Should().Be("continuous (mixed prefill), max_batch 64, max_batched_tokens 8192, recompute");
        root.GetProperty("deployment").GetString().Should().Be("colocated 1 worker, round-robin");
        root.GetProperty("mean_ttft_ms").GetDouble().Should().BeApproximately(result.Metrics.Ttft.Mean * 1000, 1e-9);
        var slo = root.GetProperty("slo");
        slo.GetArrayLength().Should().Be(2);
        slo[0].GetProperty("met").GetBoolean().Should().BeTrue();
        slo[1].GetProperty("met").GetBoolean().Should().BeFalse();
        slo[1].GetProperty("origin").GetString().Should().Be("mlperf");
        root.GetProperty("slo_met").GetBoolean().Should().BeFalse();
    }

    private sealed class SyncProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
