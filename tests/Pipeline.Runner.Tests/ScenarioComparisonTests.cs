using Pipeline.Core.Text;
using Pipeline.Runner.Scenarios;

namespace Pipeline.Runner.Tests;

/// <summary>
/// The hidden-bottleneck comparison on a planted executor: a step takes 2 ms plus 0.25 ms per token it feeds, so the
/// bigger the batch, the more throughput and the longer each token takes; tighter TPOT limits force smaller batches.
/// Expectations are relations, never simulated numbers.
/// </summary>
public sealed class ScenarioComparisonTests
{
    private const string Text = """
        experiment compare {
          model llama-3.1-8b
          hardware { accelerator = h100-sxm }
          batching { policy = chunked  max_batch = 256  max_batched_tokens = 2048 tok }
          workload { arrivals = poisson(rate: 20 req/s)  prompt = fixed(64 tok)  output = fixed(32 tok)  requests = 1500  seed = 9 }
          slo = mlperf
          benchmark { mode = simulate  search = peak_rate(tolerance: 5%) }
        }
        """;

    private static readonly RunOptions Planted = new(Executors: (_, _) => new FakeExecutor(batch => 0.002 + 0.00025 * batch.Sequences.Sum(s => s.TokenCount)));

    private static readonly Lazy<ScenarioReport> Report = new(() =>
    {
        var result = ScenarioComparison.Run(new SourceText("compare.pipe", Text), new ScenarioComparisonOptions(Planted));
        result.Error.Should().BeNull();
        result.Diagnostics.Should().BeEmpty();
        return result.Report!;
    });

    [Fact]
    public void Offline_exceeds_the_server_peak_which_exceeds_the_interactive_peak_which_exceeds_a_single_stream()
    {
        var report = Report.Value;
        report.Rows.Select(r => r.Scenario).Should().Equal(Scenario.Offline, Scenario.Server, Scenario.Interactive, Scenario.SingleStream);
        var tokens = report.Rows.Select(r => r.OutputTokensPerSecond).ToArray();
        tokens.Should().BeInDescendingOrder().And.OnlyHaveUniqueItems();
        report.ShareOfOffline(report.Offline).Should().Be(1);
        report.ShareOfOffline(report.Row(Scenario.Interactive)).Should().BeLessThan(report.ShareOfOffline(report.Row(Scenario.Server)));
        report.Rows.Should().OnlyContain(r => r.Valid);
    }

    [Fact]
    public void Each_scenario_is_judged_against_its_own_mlperf_limits()
    {
        var report = Report.Value;
        report.Row(Scenario.Server).Slo.Limits.Select(l => l.Limit).Should().Equal(2.0, 0.1);
        report.Row(Scenario.Interactive).Slo.Limits.Select(l => l.Limit).Should().Equal(0.5, 0.03);
        report.Offline.Slo.Limits.Should().BeEmpty();
        report.Offline.GoodputSlo.Should().Be(report.Row(Scenario.Server).Slo, "offline goodput counts against the server limits");
        report.Row(Scenario.Interactive).P99Tpot.Should().BeLessThanOrEqualTo(0.03);
        report.Row(Scenario.Server).PeakRate.Should().BeGreaterThan(report.Row(Scenario.Interactive).PeakRate!.Value);
        report.Offline.Run.Timelines.Should().OnlyContain(t => t.Arrival == 0);
    }

    [Fact]
    public void A_server_peak_counts_tokens_as_loadgen_does_up_to_the_end_of_the_last_query_issued()
    {
        // Outputs of 8 to 256 tokens: requests issued before the last one are still decoding when it is done, and
        // LoadGen does not wait for them.
        var varied = Text.Replace("output = fixed(32 tok)", "output = uniform(8 tok, 256 tok)", StringComparison.Ordinal);
        var result = ScenarioComparison.Run(new SourceText("varied.pipe", varied), new ScenarioComparisonOptions(Planted));
        result.Error.Should().BeNull();
        var server = result.Report!.Row(Scenario.Server);
        var timelines = server.Run.Timelines;
        var last = timelines.MaxBy(t => (t.Arrival, t.End))!;
        var expected = timelines.Where(t => t.IsCompleted).Sum(t => t.TokenTimes.Count) / (last.End - timelines.Min(t => t.Arrival));
        server.OutputTokensPerSecond.Should().BeApproximately(expected, expected * 1e-12);
        server.OutputTokensPerSecond.Should().BeGreaterThan(server.Run.Metrics.OutputThroughput, "the run's tail after the last query issued is not counted");
    }

    [Fact]
    public void The_finding_states_each_share_of_the_offline_figure()
    {
        var report = Report.Value;
        var finding = report.Finding;
        foreach (var row in report.Rows.Skip(1))
        {
            finding.Should().Contain((report.ShareOfOffline(row) * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%");
        }
        finding.Should().StartWith("Throughput-only figures hide").And.Contain("model-FLOPs utilisation").And.NotContain("INVALID");
    }

    [Fact]
    public void A_server_figure_above_offline_is_called_out_as_a_too_short_offline_run()
    {
        // The comparison's report with the SingleStream run standing in for Offline's: a figure far below the Server
        // and Interactive peaks, as an Offline run that mostly drains its last batch gives.
        var report = Report.Value;
        var single = report.Row(Scenario.SingleStream);
        var starved = report with { Rows = [report.Offline with { Run = single.Run }, .. report.Rows.Skip(1)] };

        starved.ShareOfOffline(starved.Row(Scenario.Server)).Should().BeGreaterThan(1);
        starved.Finding.Should().Contain("(Warning: Server and Interactive above Offline means the Offline run of " +
            single.Run.Metrics.Completed.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " queries spent much of its time draining");
        report.Finding.Should().NotContain("Warning", "the comparison's own Offline run is a ceiling");
    }

    [Fact]
    public void Utilisation_comes_from_the_plans_flops_and_the_step_records()
    {
        var offline = Report.Value.Offline.Run;
        var plan = Compiler.ExperimentCompiler.CompileCell(new SourceText("compare.pipe", Text), [], scenario: Scenario.Offline).Plan!;
        var u = offline.Utilisation!;
        u.PrefillTokens.Should().Be(offline.Metrics.InputTokens, "every prompt token is prefilled once (no preemption here)");
        u.DecodeTokens.Should().Be(offline.Metrics.OutputTokens - offline.Metrics.Completed, "the first token comes from prefill");
        u.PrefillFlops.Should().BeApproximately(u.PrefillTokens * plan.Execution.Costs.Prefill.Flops / plan.Execution.Costs.ReferencePromptTokens, 1);
        u.DecodeFlops.Should().BeApproximately(u.DecodeTokens * plan.Execution.Costs.Decode.Flops, 1);
        var peak = plan.Execution.Deployment.Pools[0].Accelerator.PeakFlops(plan.Execution.Model.Architecture.WeightType)!.Value;
        u.Mfu.Should().BeApproximately((u.PrefillFlops + u.DecodeFlops) / (offline.Metrics.Duration * peak), 1e-12);
        Report.Value.Row(Scenario.Interactive).Run.Utilisation!.MeanDecodeBatch.Should().BeLessThan(u.MeanDecodeBatch);
    }

    [Fact]
    public void The_tpot_curve_raises_throughput_and_utilisation_as_the_limit_loosens()
    {
        var report = Report.Value;
        var limits = ScenarioComparison.DefaultTpotLimits(report, 4);
        limits.Should().HaveCount(4).And.BeInAscendingOrder();
        limits[^1].Should().BeApproximately(0.1, 1e-12, "up to the server limit");
        limits[0].Should().BeGreaterThan(report.Row(Scenario.SingleStream).P99Tpot);
        var curve = ScenarioComparison.TpotCurve(new SourceText("compare.pipe", Text), limits, report.Row(Scenario.Server).PeakRate!.Value, new ScenarioComparisonOptions(Planted));
        curve.Should().HaveCount(4).And.OnlyContain(p => p.PeakRate != null && p.P99Tpot <= p.TpotLimit);
        curve.Select(p => p.OutputTokensPerSecond).Should().BeInAscendingOrder();
        curve[^1].Mfu.Should().BeGreaterThan(curve[0].Mfu);
        curve[^1].MeanDecodeBatch.Should().BeGreaterThan(curve[0].MeanDecodeBatch);

        using var csv = new StringWriter();
        ScenarioCsv.WriteCurve(curve, csv, report.Seed);
        var lines = csv.ToString().TrimEnd().Split('\n');
        lines[0].Should().Be(ScenarioCsv.CurveHeader);
        lines.Should().HaveCount(5);
        using var table = new StringWriter();
        ScenarioCsv.WriteReport(report, table);
        table.ToString().TrimEnd().Split('\n').Should().HaveCount(5).And.Subject.First().Should().Be(ScenarioCsv.ReportHeader);
    }
}
