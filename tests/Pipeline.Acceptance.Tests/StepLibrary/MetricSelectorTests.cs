using Pipeline.Acceptance.Internal;
using Pipeline.Serving.Accounting;

namespace Pipeline.Acceptance.Tests.StepLibrary;

public sealed class MetricSelectorTests
{
    private static RequestTimeline Request(int id, double arrival, params double[] tokenTimes) => new(
        id, 16, tokenTimes.Length, arrival, RequestStatus.Completed, null, tokenTimes[^1], [], tokenTimes,
        tokenTimes.Select(_ => 1).ToArray(), [], null, null, [0]);

    private static readonly ServingMetrics s_metrics = ServingMetrics.From(
        Enumerable.Range(0, 100).Select(i => Request(i, i, i + 0.001 * (i + 1), i + 0.001 * (i + 1) + 0.01)).ToArray());

    [Theory]
    [InlineData("mean", "TTFT", 0.0505)]
    [InlineData("max", "TTFT", 0.1)]
    [InlineData("median", "TPOT", 0.01)]
    [InlineData("p50", "ITL", 0.01)]
    public void A_step_names_a_statistic_of_a_metric(string statistic, string metric, double expected)
    {
        MetricSelector.Latency(s_metrics, statistic, metric).Should().BeApproximately(expected, 1e-9);
    }

    [Fact]
    public void Percentiles_are_the_runs_own()
    {
        MetricSelector.Latency(s_metrics, "p99", "TTFT").Should().Be(s_metrics.Ttft.P99);
        MetricSelector.Latency(s_metrics, "p99.9", "E2E").Should().Be(s_metrics.E2e.Percentile(99.9));
    }

    [Theory]
    [InlineData("p0")] // passed before: the language refuses it (PL0210)
    [InlineData("p100")]
    [InlineData("p200")]
    [InlineData("p1.2.3")]
    public void A_statistic_that_is_no_percentile_is_an_error_naming_the_range(string statistic)
    {
        var read = () => MetricSelector.Latency(s_metrics, statistic, "TTFT");

        read.Should().Throw<ArgumentException>().WithMessage($"{statistic} is not a percentile: use p1 to p99.9*");
    }

    [Fact]
    public void Throughput_means_output_tokens_per_second()
    {
        MetricSelector.Throughput(s_metrics, "throughput").Should().Be(s_metrics.OutputThroughput);
        MetricSelector.Throughput(s_metrics, "request throughput").Should().Be(s_metrics.RequestThroughput);
    }

    [Fact]
    public void A_metric_with_no_values_is_a_clear_error_not_zero()
    {
        var empty = ServingMetrics.From([]);
        var act = () => MetricSelector.Latency(empty, "p99", "TTFT");
        act.Should().Throw<InvalidOperationException>().WithMessage("*no request has a TTFT*");
    }

    [Fact]
    public void Limits_convert_milliseconds_to_seconds()
    {
        MetricSelector.Seconds(500, "ms").Should().Be(0.5);
        MetricSelector.Seconds(2, "s").Should().Be(2);
    }
}
