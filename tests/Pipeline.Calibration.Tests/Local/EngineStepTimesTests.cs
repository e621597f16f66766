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
}
