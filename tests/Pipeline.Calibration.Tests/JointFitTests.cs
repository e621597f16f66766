using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Fitting;
using Pipeline.Calibration.Published;
using Pipeline.Plans.Catalog;

namespace Pipeline.Calibration.Tests;

public sealed class JointFitTests
{
    // A closed-form stand-in for the simulator (the linear step model of benchmarks/README.md): a step of B decoding
    // sequences takes a + B x (c + k), where a is the per-step cost, c a sequence's decode cost (its share of the GEMM
    // FLOPs at peak x gemm_efficiency plus its KV read at bandwidth x kv_read_efficiency) and k its prefill's share.
    // Offline runs at the batch limit: tokens/s = B / (a + B (c + k)). Server at rate L: mean TPOT = a / (1 - L (c + k)).
    // A streaming scenario adds s, the host's cost of a streamed response, to every sequence's share of a Server
    // step only: mean TPOT = a / (1 - L (c + k + s)); Offline does not stream.
    private sealed record Sys(string Name, double Flops, double Bandwidth, int Batch, double ServerShare);

    private static readonly Sys[] Systems =
    [
        new("h200", 1978.9e12, 4.8e12, 806, 0.93),
        new("h100-tp2", 2 * 1978.9e12, 2 * 3.35e12, 896, 0.88),
        new("gh200", 1978.9e12, 4.9e12, 806, 0.95),
        new("h200-1kw", 1.13 * 1978.9e12, 4.8e12, 784, 0.94),
    ];

    private static (double Offline, double ServerRate, double Tpot) Model(Sys s, double gemm, double kv, double overhead, double stream = 0)
    {
        const double flopsPerToken = 2 * 68.98e9, promptTokens = 300, outputTokens = 294, kvBytes = 163840 * 450.0;
        var c = flopsPerToken / (s.Flops * gemm) + kvBytes / (s.Bandwidth * kv);
        var k = promptTokens / outputTokens * flopsPerToken / (s.Flops * gemm);
        var offline = s.Batch / (overhead + s.Batch * (c + k));
        var rate = s.ServerShare * offline;
        return (offline, rate, overhead / (1 - rate * (c + k + stream)));
    }

    private static IEnumerable<ResultComparison> Compare(double gemm, double kv, double overhead, IReadOnlyList<(double Offline, double Tpot)> published, double stream = 0) =>
        Systems.SelectMany((s, i) =>
        {
            var (offline, rate, tpot) = Model(s, gemm, kv, overhead, stream);
            var system = new SimulatedSystem(s.Name, null, 1, 1, s.Batch, 4096, "policy = chunked", "test");
            PublishedResult Row(string scenario, double tokens) =>
                new(i, "v4.1", "NVIDIA", s.Name, s.Name, 1, scenario, tokens, null, null, null, "fp8", 1, s.Batch, "TensorRT");
            return new[]
            {
                new ResultComparison(Row("Offline", published[i].Offline), system, new RowPrediction(offline, 0, 0, 1), null),
                new ResultComparison(Row("Server", rate) with { TpotMean = published[i].Tpot }, system, new RowPrediction(rate, 0, 0, 1, 0, tpot), null),
            };
        });

    [Theory]
    [InlineData(0.81, 0.37, 0.002)]
    [InlineData(0.7, 0.5, 0.016)]
    [InlineData(0.9, 0.3, 0.008)]
    public void Tokens_and_mean_tpot_together_recover_gemm_kv_read_and_step_overhead_within_one_percent(double gemm, double kv, double overhead)
    {
        var published = Systems.Select(s => Model(s, gemm, kv, overhead)).Select(m => (m.Offline, m.Tpot)).ToArray();
        var start = CostFamilies.NvidiaHopper with { StepOverhead = 0.005 };
        var parameters = new[] { "gemm_efficiency", "kv_read_efficiency", "step_overhead" }.Select(n => FitPlan.Known(n, start, MlperfWorkload.Assumed)).ToArray();

        var (values, residuals) = LeastSquares.Fit(parameters,
            v => Compare(v[0], v[1], v[2], published).SelectMany(c => FamilyCalibration.ResidualsOf(c, meanTpot: true)).ToArray(), iterations: 60);

        values[0].Should().BeApproximately(gemm, gemm * 0.01);
        values[1].Should().BeApproximately(kv, kv * 0.01);
        values[2].Should().BeApproximately(overhead, overhead * 0.01);
        residuals.Should().HaveCount(3 * Systems.Length).And.OnlyContain(r => Math.Abs(r) < 1e-4);
    }

    [Theory]
    [InlineData(0.81, 0.37, 4e-6)]
    [InlineData(0.7, 0.5, 2e-6)]
    [InlineData(0.9, 0.3, 6e-6)]
    public void Tokens_and_mean_tpot_together_recover_gemm_kv_read_and_stream_overhead_within_one_percent(double gemm, double kv, double stream)
    {
        var published = Systems.Select(s => Model(s, gemm, kv, 0.002, stream)).Select(m => (m.Offline, m.Tpot)).ToArray();
        // These systems serve at 88-95% of Offline capacity, so the closed form saturates (no mean TPOT) from ~10 us:
        // start below the truth.
        var start = CostFamilies.NvidiaHopper with { StreamOverhead = 1e-6 };
        var parameters = new[] { "gemm_efficiency", "kv_read_efficiency", "stream_overhead" }
            .Select(n => FitPlan.Known(n, start, MlperfWorkload.Assumed)).ToArray();

        var (values, residuals) = LeastSquares.Fit(parameters,
            v => Compare(v[0], v[1], 0.002, published, v[2]).SelectMany(c => FamilyCalibration.ResidualsOf(c, meanTpot: true)).ToArray(), iterations: 60);

        values[0].Should().BeApproximately(gemm, gemm * 0.01);
        values[1].Should().BeApproximately(kv, kv * 0.01);
        values[2].Should().BeApproximately(stream, stream * 0.01);
        residuals.Should().OnlyContain(r => Math.Abs(r) < 1e-4);
    }

    [Fact]
    public void Fit_plans_know_the_physical_range_of_every_parameter_and_refuse_others()
    {
        var start = CostFamilies.NvidiaHopper;
        FitPlan.Known("prompt_mean", start, MlperfWorkload.Assumed).Should().Match<FittedParameter>(p => p.Initial == 300 && p.Minimum == 50 && p.Maximum == 1000);
        FitPlan.Known("step_overhead", start, MlperfWorkload.Assumed).Should().Match<FittedParameter>(p => p.Maximum == 0.05 && p.Unit == "ms" && p.Scale == 1e-3);
        FitPlan.Known("stream_overhead", start, MlperfWorkload.Assumed).Should().Match<FittedParameter>(p => p.Minimum == 0 && p.Maximum == 200e-6 && p.Unit == "us" && p.Scale == 1e-6);
        FitPlan.Known("stream_overhead", start with { StreamOverhead = 0 }, MlperfWorkload.Assumed).Initial.Should().Be(10e-6, "a start on the bound has no slope");
        // Under the least rated power of the parts clocked from the H100 SXM: the 350 W H100 PCIe (0.95 x 350).
        FitPlan.Known("static_power", start, MlperfWorkload.Assumed).Should().Match<FittedParameter>(p => p.Minimum == 0 && p.Maximum == 332.5 && p.Unit == "W");
        var act = () => FitPlan.Known("power", start, MlperfWorkload.Assumed);
        act.Should().Throw<ArgumentException>().WithMessage("*cannot be fitted*");
    }

    [Fact]
    public void A_server_row_contributes_its_mean_tpot_residual_only_when_asked_and_published()
    {
        var system = new SimulatedSystem("h200", null, 1, 8, 806, 4096, "policy = chunked", "test");
        var row = new PublishedResult(3, "v4.1", "NVIDIA", "s", "h200", 8, "Server", 30000, 0.5, 0.15, 100, "fp8", 1, 896, "TensorRT");
        var prediction = new RowPrediction(27000, 0.3, 0.1, 100, 0.2, 0.06);
        FamilyCalibration.ResidualsOf(new ResultComparison(row, system, prediction, null), meanTpot: true).Should().ContainSingle("no mean published");
        var withMean = FamilyCalibration.ResidualsOf(new ResultComparison(row with { TpotMean = 0.12 }, system, prediction, null), meanTpot: true).ToArray();
        withMean.Should().HaveCount(2);
        withMean[0].Should().BeApproximately(Math.Log(0.9), 1e-12);
        withMean[1].Should().BeApproximately(Math.Log(0.5), 1e-12);
        FamilyCalibration.ResidualsOf(new ResultComparison(row with { TpotMean = 0.12 }, system, prediction, null)).Should().ContainSingle();
    }

    [Fact]
    public void A_held_batch_run_contributes_the_log_ratio_of_its_mean_tpot_where_it_ran()
    {
        var system = new SimulatedSystem("h200", null, 1, 8, 806, 4096, "policy = chunked", "test");
        var row = new PublishedResult(3, "v4.1", "NVIDIA", "s", "h200", 8, "Server", 30000, 0.5, 0.15, 100, "fp8", 1, 896, "TensorRT") with { TpotMean = 0.12 };
        FamilyCalibration.ResidualsOf(new PublishedBatchTpot(row, system, 450, 0.108, null)).Should().ContainSingle()
            .Which.Should().BeApproximately(Math.Log(0.9), 1e-12);
        FamilyCalibration.ResidualsOf(new PublishedBatchTpot(row, system, null, null, "arrivals gathered")).Should().BeEmpty();
        FamilyCalibration.ResidualsOf(new PublishedBatchTpot(row with { TpotMean = null }, system, 450, 0.108, null)).Should().BeEmpty();
    }
}
