using Pipeline.Calibration.Local;
using Pipeline.Plans;
using Pipeline.Plans.Catalog;

namespace Pipeline.Calibration.Tests.Local;

public sealed class EngineStepTimesTests
{
    [Fact]
    public void Measuring_the_real_engine_gives_a_positive_time_for_every_shape()
    {
        // Structure only: a row per shape, positive times. Never speed (CI is a busy machine).
        var shapes = LocalShapes.Smoke.Where(s => s.ModelName == "tiny").ToArray();
        using var source = new EngineStepTimes(LocalBackend.Cpu, repeats: 1);

        var result = LocalCalibration.Run(AcceleratorCatalog.Local(LocalBackend.Cpu), shapes, source, iterations: 5);

        result.Rows.Should().HaveCount(shapes.Length);
        result.Rows.Should().OnlyContain(r => r.Measured > 0 && r.Predicted > 0);
        source.Device.Should().NotBeNullOrWhiteSpace();
        result.Table().Should().Contain("tiny decode b4 ctx64").And.Contain("tiny prefill 1x16");
    }

    [Fact]
    public void Shapes_stepped_in_turn_take_rounds_until_their_timed_steps_reach_the_minimum()
    {
        // A 64-token prefill of the tiny model takes tens of microseconds or more, so the round cap (2,000) is not
        // what stops it: the measured time is. Without the minimum, three rounds.
        var prefill = new LocalShape(LocalShapes.Tiny, "tiny", 1, 64, 0);
        var decode = new LocalShape(LocalShapes.Tiny, "tiny", 1, 1, 16);
        using var source = new EngineStepTimes(LocalBackend.Cpu, repeats: 3, minimumSeconds: 0.05);

        var interleaved = source.MeasureSteps([prefill, decode], interleaved: true);
        var alone = source.MeasureSteps([prefill, decode], interleaved: false);

        interleaved.Typical.Should().HaveCount(2).And.OnlyContain(t => t > 0);
        interleaved.TimedSeconds.Should().BeGreaterThanOrEqualTo(0.05);
        interleaved.StallShare.Should().BeGreaterThanOrEqualTo(0);
        alone.Typical.Should().HaveCount(2).And.OnlyContain(t => t > 0);
        alone.TypicalSeconds.Should().BeApproximately(3 * alone.Typical.Sum(), 1e-12);
    }

    [Fact]
    public void Shapes_measured_in_turn_keep_their_order()
    {
        // Interleaved rounds (each shape's step follows another shape's) must still give each shape its own median:
        // a 512-token prefill is about a hundred times a batch-1 decode, a margin no busy machine closes.
        var prefill = new LocalShape(LocalShapes.Tiny, "tiny", 1, 512, 0);
        var decode = new LocalShape(LocalShapes.Tiny, "tiny", 1, 1, 16);
        using var source = new EngineStepTimes(LocalBackend.Cpu, repeats: 3, minimumSeconds: 0);

        var times = source.MeasureSteps([decode, prefill, decode], interleaved: true).Typical;

        times.Should().HaveCount(3).And.OnlyContain(t => t > 0);
        times[1].Should().BeGreaterThan(5 * Math.Max(times[0], times[2]));
    }
}
