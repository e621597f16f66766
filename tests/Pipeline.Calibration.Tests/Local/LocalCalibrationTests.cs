using Pipeline.Calibration.Local;
using Pipeline.Plans;
using Pipeline.Plans.Catalog;

namespace Pipeline.Calibration.Tests.Local;

public sealed class LocalCalibrationTests
{
    private static readonly AcceleratorSpec Cpu = AcceleratorCatalog.Local(LocalBackend.Cpu);

    public static TheoryData<double, double, double, double, double, double, double> Known => new()
    {
        // gemm, attention, bandwidth, kv_read, kernel_launch, step_overhead, sequence_overhead. Decode attention does
        // about 1 FLOP per KV byte, so kv_read_efficiency is identifiable only while attention's FLOP/s exceed the KV
        // bandwidth (attention_efficiency x 0.5 TFLOPS > kv_read_efficiency x 50 GB/s): both cases keep it so.
        { 0.12, 0.05, 0.3, 0.2, 2e-6, 30e-6, 8e-6 },
        { 0.04, 0.1, 0.8, 0.29, 1e-6, 27e-6, 3e-6 },
        { 0.3, 0.5, 0.1, 0.05, 5e-6, 200e-6, 20e-6 },
    };

    [Theory]
    [MemberData(nameof(Known))]
    public void Fitting_recovers_known_parameters_from_synthetic_step_times_within_one_percent(
        double gemm, double attention, double bandwidth, double kvRead, double launch, double step, double sequence)
    {
        var truth = Cpu.Cost with
        {
            GemmEfficiency = gemm, AttentionEfficiency = attention, BandwidthEfficiency = bandwidth, KvReadEfficiency = kvRead,
            KernelLaunch = launch, StepOverhead = step, SequenceOverhead = sequence,
        };
        var source = new PredictedStepTimes(Cpu with { Cost = truth });

        var result = LocalCalibration.Run(Cpu, LocalShapes.All, source);

        source.Calls.Should().Be(LocalShapes.All.Count);
        double[] expected = [gemm, attention, bandwidth, kvRead, launch, step, sequence];
        for (var i = 0; i < expected.Length; i++)
        {
            result.Values[i].Should().BeApproximately(expected[i], expected[i] * 0.01, result.Parameters[i].Name);
        }
        result.Rows.Should().OnlyContain(r => Math.Abs(r.Error) < 1e-3);
    }

    [Fact]
    public void The_measured_stall_share_goes_on_the_accelerator_and_the_typical_steps_are_fitted_without_it()
    {
        var truth = Cpu.Cost with { GemmEfficiency = 0.12, AttentionEfficiency = 0.05, BandwidthEfficiency = 0.3, KvReadEfficiency = 0.2, KernelLaunch = 2e-6, StepOverhead = 30e-6, SequenceOverhead = 8e-6 };

        var result = LocalCalibration.Run(Cpu, LocalShapes.All, new PredictedStepTimes(Cpu with { Cost = truth }, stallShare: 0.07));

        result.Accelerator.Cost.HostStallShare.Should().BeApproximately(0.07, 1e-12);
        result.Values[0].Should().BeApproximately(0.12, 0.12 * 0.01);
        result.Values[5].Should().BeApproximately(30e-6, 30e-6 * 0.01);
        result.Rows.Should().OnlyContain(r => Math.Abs(r.Error) < 1e-3);
        result.Settings.Should().Contain("host_stall_share = 0.07");
        result.Table().Should().Contain("took 7.0% longer than their medians");
        // A stalled start (say, an imported calibration) does not leak into the fit of the typical steps.
        var again = LocalCalibration.Run(Cpu with { Cost = Cpu.Cost with { HostStallShare = 0.5 } }, LocalShapes.All, new PredictedStepTimes(Cpu with { Cost = truth }));
        again.Values[0].Should().BeApproximately(0.12, 0.12 * 0.01);
        again.Accelerator.Cost.HostStallShare.Should().Be(0);
    }

    [Fact]
    public void The_fitted_accelerator_keeps_the_local_backend_and_carries_the_fitted_values()
    {
        var truth = Cpu.Cost with { GemmEfficiency = 0.1, StepOverhead = 40e-6 };
        var result = LocalCalibration.Run(Cpu, LocalShapes.All, new PredictedStepTimes(Cpu with { Cost = truth }));

        result.Accelerator.Local.Should().Be(LocalBackend.Cpu);
        result.Accelerator.Cost.GemmEfficiency.Should().Be(result.Values[0]);
        result.Accelerator.Cost.StepOverhead.Should().Be(result.Values[5]);
    }

    [Fact]
    public void Fitted_efficiencies_stay_in_their_physical_range_even_when_the_machine_is_faster_than_nominal()
    {
        // Steps ten times faster than the nominal figures at efficiency 1 allow: the fit stops at the bound.
        var ideal = new PredictedStepTimes(Cpu with { Cost = Cpu.Cost with { KernelLaunch = 0, StepOverhead = 0, SequenceOverhead = 0 } });
        var measured = LocalShapes.All.Select(s => ideal.Measure(s) / 10).ToArray();

        var result = LocalCalibration.Fit(Cpu, LocalShapes.All, measured);

        result.Values.Take(4).Should().OnlyContain(v => v > 0 && v <= 1);
        result.Values.Skip(4).Should().OnlyContain(v => v >= 0);
    }

    [Fact]
    public void Measured_times_must_be_one_positive_value_per_shape()
    {
        var act = () => LocalCalibration.Fit(Cpu, LocalShapes.Smoke, [1e-3]);
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Shapes_describe_their_step_by_phase()
    {
        var decode = new LocalShape(LocalShapes.Tiny, "tiny", 4, 1, 64).ToStepShape();
        decode.DecodeSequences.Should().Be(4);
        decode.DecodeKvTokens.Should().Be(4 * 65);
        decode.PrefillSequences.Should().Be(0);
        var prefill = new LocalShape(LocalShapes.Tiny, "tiny", 1, 16, 0).ToStepShape();
        prefill.PrefillTokens.Should().Be(16);
        prefill.PrefillAttentionPairs.Should().Be(16 * 17 / 2);
    }
}
