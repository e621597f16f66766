using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Published;
using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Runner;

namespace Pipeline.Calibration.Tests.Fidelity;

public sealed class MatchedRatesTests
{
    // Two H200s as two TP1 replicas of at most 64 sequences; short answers keep each probe small.
    private static readonly MlperfWorkload Short = new(200, 100, 60, 40);

    // 3,000 queries per replica (LoadGen's 270,336 would make every probe minutes long).
    private static readonly ServerRunLength Length = new(6000, 600);

    private static PublishedResult Server(double qps, double tpotP99) =>
        new(9, "v4.1", "NVIDIA", "s", "NVIDIA H200-SXM-141GB", 2, "Server", qps * 60, 0.5, tpotP99, qps, "fp8", 1, 64, "TensorRT");

    /// <summary>The row's experiment written by hand's route (<see cref="RowExperiment"/> at a whole-system rate, with the row's limits), run once.</summary>
    private static RunResult RunAt(PublishedResult row, SimulatedSystem system, double qps)
    {
        var text = RowExperiment.Text(row with { TargetQps = qps }, system, Short, [], limits: new ServerLimits(ServerLimits.MlperfTtftP99, row.TpotP99!.Value), length: Length);
        return ExperimentRunner.Run(ExperimentCompiler.Compile(new SourceText("oracle.pipe", text)).Plan!);
    }

    [Fact]
    public void The_rate_found_keeps_the_published_p99_tpot_and_the_next_rate_probed_does_not()
    {
        var row = Server(qps: 6, tpotP99: 0.030);
        var system = PublishedSystems.Map(row).System!;

        var found = MatchedRates.Compute([row], Short, length: Length).Single();

        found.Skipped.Should().BeNull();
        found.LowestInvalidQps!.Value.Should().BeLessThanOrEqualTo(found.PeakQps!.Value * (1 + MatchedRates.DefaultTolerance) + 1e-9);
        // Run again at the whole-system rates reported (two replicas share each): VALID at the peak, with both p99s
        // within the limits; INVALID just above it, for the limit named.
        var atPeak = RunAt(row, system, found.PeakQps.Value);
        atPeak.IsValid.Should().BeTrue(string.Join("; ", atPeak.InvalidReasons ?? []));
        atPeak.Metrics.Tpot.LoadGenPercentile(99).Should().BeLessThanOrEqualTo(0.030);
        atPeak.Metrics.Ttft.LoadGenPercentile(99).Should().BeLessThanOrEqualTo(ServerLimits.MlperfTtftP99);
        var above = RunAt(row, system, found.LowestInvalidQps.Value);
        above.IsValid.Should().BeFalse();
        var tpotOver = above.Metrics.Tpot.LoadGenPercentile(99) > 0.030;
        var ttftOver = above.Metrics.Ttft.LoadGenPercentile(99) > ServerLimits.MlperfTtftP99;
        var named = found.LimitedBy!.Split(" and ");
        named.Contains("TPOT").Should().Be(tpotOver, found.LimitedBy);
        named.Contains("TTFT").Should().Be(ttftOver, found.LimitedBy);
        if (!tpotOver && !ttftOver) found.LimitedBy.Should().Contain("(early stopping)");
        found.Error.Should().BeApproximately(found.PeakQps.Value / 6 - 1, 1e-12);
    }

    [Fact]
    public void A_looser_published_tpot_gives_a_higher_rate()
    {
        var tight = MatchedRates.Compute([Server(6, 0.028)], Short, length: Length).Single();
        var loose = MatchedRates.Compute([Server(6, 0.040)], Short, length: Length).Single();

        loose.PeakQps!.Value.Should().BeGreaterThan(tight.PeakQps!.Value);
    }

    [Fact]
    public void Offline_rows_are_left_out_and_rows_the_catalogue_lacks_say_why()
    {
        var gaudi = Server(6, 0.03) with { Accelerator = "Intel Gaudi 2" };
        var offline = Server(6, 0.03) with { Scenario = "Offline", TpotP99 = null };

        var found = MatchedRates.Compute([gaudi, offline], Short, length: Length);

        found.Should().ContainSingle().Which.Skipped.Should().Contain("no accelerator for 'Intel Gaudi 2'");
    }

    [Fact]
    public void The_limits_are_written_as_the_experiments_slo_block()
    {
        var row = Server(6, 0.1754);
        var text = RowExperiment.Text(row, PublishedSystems.Map(row).System!, Short, [], limits: new ServerLimits(2, 0.1754), length: Length);

        text.Should().Contain("slo { ttft p99 <= 2000 ms   tpot p99 <= 175.4 ms }");
        var plan = ExperimentCompiler.Compile(new SourceText("t.pipe", text)).Plan!;
        plan.Benchmark.Slo.Limits.Should().HaveCount(2);
    }
}
