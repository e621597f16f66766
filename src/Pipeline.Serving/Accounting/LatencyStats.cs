using Pipeline.Serving.Internal;

namespace Pipeline.Serving.Accounting;

/// <summary>
/// Summary of a latency sample in seconds. <see cref="Percentile"/> interpolates linearly between the two nearest
/// ranks (numpy's default, which vLLM's <c>benchmark_serving</c> uses): for sorted values <c>x[0..n-1]</c>,
/// rank <c>r = p/100 * (n-1)</c> gives <c>x[floor r] + (r - floor r) * (x[ceil r] - x[floor r])</c>.
/// <see cref="LoadGenPercentile"/> is MLPerf LoadGen's, which judges limits: <c>x[floor(n * p/100)]</c>.
/// An empty sample reports zeros (and <see cref="Count"/> 0). A sample may be held as counts of distinct values
/// (<see cref="FromCounts"/>): every figure is then exactly what the expanded sample gives, without its memory.
/// </summary>
public sealed class LatencyStats
{
    private readonly SortedRuns _sorted;

    /// <summary>Summarises the values.</summary>
    public LatencyStats(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.ToArray();
        Array.Sort(sorted);
        _sorted = new SortedRuns(sorted, null);
    }

    private LatencyStats(SortedRuns sorted) => _sorted = sorted;

    /// <summary>Summarises a sample given as how many times each value occurs (counts of zero or less are left out).</summary>
    public static LatencyStats FromCounts(IEnumerable<KeyValuePair<double, long>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var runs = counts.Where(c => c.Value > 0).ToArray();
        Array.Sort(runs, (a, b) => a.Key.CompareTo(b.Key));
        var ends = new long[runs.Length];
        long total = 0;
        for (var i = 0; i < runs.Length; i++)
        {
            total += runs[i].Value;
            ends[i] = total;
        }
        return new LatencyStats(new SortedRuns(runs.Select(r => r.Key).ToArray(), ends));
    }

    /// <summary>The values, ascending.</summary>
    public IReadOnlyList<double> Sorted => _sorted;

    /// <summary>Number of values.</summary>
    public int Count => _sorted.Count;

    /// <summary>Arithmetic mean (summed in ascending order).</summary>
    public double Mean => _sorted.Mean();

    /// <summary>50th percentile.</summary>
    public double Median => Percentile(50);

    /// <summary>90th percentile.</summary>
    public double P90 => Percentile(90);

    /// <summary>99th percentile.</summary>
    public double P99 => Percentile(99);

    /// <summary>Largest value.</summary>
    public double Max => _sorted.Count == 0 ? 0 : _sorted[^1];

    /// <summary>The <paramref name="percentile"/>th percentile (0..100), linear between closest ranks.</summary>
    public double Percentile(double percentile) => Interpolate(_sorted, percentile);

    /// <summary>
    /// LoadGen's percentile (<c>results.cc</c>): the sorted sample at index <c>floor(n * p/100)</c>, no interpolation
    /// (the largest value when the index reaches <c>n</c>); zero for an empty sample.
    /// </summary>
    public double LoadGenPercentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (_sorted.Count == 0)
        {
            return 0;
        }
        var index = (long)(_sorted.Count * (percentile / 100));
        return _sorted[(int)Math.Min(index, _sorted.Count - 1)];
    }

    /// <summary>How many values exceed <paramref name="limit"/> (LoadGen's over-latency count).</summary>
    public int CountAbove(double limit) => _sorted.CountAbove(limit);

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
