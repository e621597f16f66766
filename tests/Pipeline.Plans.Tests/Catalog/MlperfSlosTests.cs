using Pipeline.Plans.Catalog;

namespace Pipeline.Plans.Tests.Catalog;

public sealed class MlperfSlosTests
{
    [Theory]
    [InlineData("llama-2-70b", Scenario.Server, 2.0, 0.2)]
    [InlineData("llama-2-70b", Scenario.Interactive, 0.45, 0.04)]
    [InlineData("llama-3.1-8b", Scenario.Server, 2.0, 0.1)]
    [InlineData("llama-3.1-8b", Scenario.Interactive, 0.5, 0.03)]
    [InlineData("llama-3.1-405b", Scenario.Server, 6.0, 0.175)]
    [InlineData("llama-3.1-405b", Scenario.Interactive, 4.5, 0.08)]
    public void Gives_p99_ttft_and_tpot_in_seconds(string model, Scenario scenario, double ttft, double tpot)
    {
        MlperfSlos.TryGet(model, scenario, out var slo).Should().BeTrue();

        slo!.Limits.Should().HaveCount(2);
        slo.Limits[0].Should().Be(new SloLimit(LatencyMetric.Ttft, 99, ttft, SloOrigin.MlperfDefault));
        slo.Limits[1].Metric.Should().Be(LatencyMetric.Tpot);
        slo.Limits[1].Limit.Should().BeApproximately(tpot, 1e-12);
        slo.Limits[1].Origin.Should().Be(SloOrigin.MlperfDefault);
    }

    [Theory]
    [InlineData("llama-2-70b", Scenario.Offline)]
    [InlineData("llama-2-70b", Scenario.SingleStream)]
    [InlineData("mistral-7b", Scenario.Server)]
    public void Scenarios_and_models_without_limits_are_not_found(string model, Scenario scenario)
    {
        MlperfSlos.TryGet(model, scenario, out var slo).Should().BeFalse();
        slo.Should().BeNull();
    }
}
