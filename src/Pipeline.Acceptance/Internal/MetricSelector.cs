using System.Globalization;
using Pipeline.Serving.Accounting;

namespace Pipeline.Acceptance.Internal;

/// <summary>
/// Reads a latency figure named in a step: a statistic (<c>p99</c>, <c>p99.9</c>, <c>mean</c>, <c>median</c>,
/// <c>max</c>) of a metric (<c>TTFT</c>, <c>TPOT</c>, <c>ITL</c>, <c>E2E</c>), in seconds.
/// </summary>
internal static class MetricSelector
{
    public const string StatisticPattern = @"(p[0-9.]+|mean|median|max)";
    public const string LatencyPattern = "(TTFT|TPOT|ITL|E2E)";
    public const string ThroughputPattern = "(throughput|request throughput|total token throughput|goodput)";

    public static double Latency(ServingMetrics metrics, string statistic, string metric)
    {
        var stats = metric.ToUpperInvariant() switch
        {
            "TTFT" => metrics.Ttft,
            "TPOT" => metrics.Tpot,
            "ITL" => metrics.Itl,
            "E2E" => metrics.E2e,
            _ => throw new ArgumentException($"unknown latency metric {metric}; use TTFT, TPOT, ITL or E2E"),
        };
        if (stats.Count == 0) throw new InvalidOperationException($"no request has a {metric} to measure");
        return statistic.ToLowerInvariant() switch
        {
            "mean" => stats.Mean,
            "median" => stats.Median,
            "max" => stats.Max,
            var p when p.StartsWith('p') => stats.Percentile(Percentile(p)),
            _ => throw new ArgumentException($"unknown statistic {statistic}; use p50, p90, p99, mean, median or max"),
        };
    }

    /// <summary>The percentile a statistic such as <c>p99.9</c> names: strictly between 0 and 100, as the language's SLOs (PL0210).</summary>
    private static double Percentile(string statistic)
    {
        if (double.TryParse(statistic[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out var percentile) && percentile > 0 && percentile < 100)
            return percentile;
        throw new ArgumentException($"{statistic} is not a percentile: use p1 to p99.9 (above 0, below 100), mean, median or max");
    }

    public static double Throughput(ServingMetrics metrics, string name) => name switch
    {
        "throughput" => metrics.OutputThroughput,
        "request throughput" => metrics.RequestThroughput,
        "total token throughput" => metrics.TotalTokenThroughput,
        "goodput" => metrics.Goodput,
        _ => throw new ArgumentException($"unknown throughput {name}"),
    };

    public static double Seconds(double value, string unit) => unit == "ms" ? value / 1000 : value;

    public static string Format(double seconds) =>
        (seconds * 1000).ToString("0.###", CultureInfo.InvariantCulture) + " ms";
}
