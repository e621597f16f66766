namespace Pipeline.Serving.Accounting;

/// <summary>
/// Summary of a latency sample in seconds. Percentiles interpolate linearly between the two nearest ranks
/// (numpy's default, which vLLM's <c>benchmark_serving</c> uses): for sorted values <c>x[0..n-1]</c>,
/// rank <c>r = p/100 * (n-1)</c> gives <c>x[floor r] + (r - floor r) * (x[ceil r] - x[floor r])</c>.
/// An empty sample reports zeros (and <see cref="Count"/> 0).
/// </summary>
public sealed class LatencyStats
{
    private readonly double[] _sorted;

    /// <summary>Summarises the values.</summary>
    public LatencyStats(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _sorted = values.ToArray();
        Array.Sort(_sorted);
    }

    /// <summary>Number of values.</summary>
    public int Count => _sorted.Length;

    /// <summary>Arithmetic mean.</summary>
    public double Mean => _sorted.Length == 0 ? 0 : _sorted.Average();

    /// <summary>50th percentile.</summary>
    public double Median => Percentile(50);

    /// <summary>90th percentile.</summary>
    public double P90 => Percentile(90);

    /// <summary>99th percentile.</summary>
    public double P99 => Percentile(99);

    /// <summary>Largest value.</summary>
    public double Max => _sorted.Length == 0 ? 0 : _sorted[^1];

    /// <summary>The <paramref name="percentile"/>th percentile (0..100), linear between closest ranks.</summary>
    public double Percentile(double percentile) => Interpolate(_sorted, percentile);

    internal static double Interpolate(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (sorted.Count == 0)
        {
            return 0;
        }
        var rank = percentile / 100 * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
    }
}
