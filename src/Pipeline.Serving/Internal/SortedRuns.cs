using System.Collections;

namespace Pipeline.Serving.Internal;

/// <summary>
/// An ascending sample held either as every value (<c>ends</c> null) or as runs: distinct ascending values and the
/// cumulative count through each (value i fills indices <c>ends[i-1] .. ends[i]-1</c>). Reads as the expanded list.
/// </summary>
internal sealed class SortedRuns(double[] values, long[]? ends) : IReadOnlyList<double>
{
    public int Count { get; } = ends is null ? values.Length : checked((int)(ends.Length == 0 ? 0 : ends[^1]));

    public double this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return ends is null ? values[index] : values[RunOf(index)];
        }
    }

    /// <summary>The sum in ascending order, each value added once per occurrence (as the expanded list sums), over the count.</summary>
    public double Mean()
    {
        if (Count == 0) return 0;
        if (ends is null) return values.Average();
        double sum = 0;
        long start = 0;
        for (var i = 0; i < values.Length; i++)
        {
            for (var k = start; k < ends[i]; k++) sum += values[i];
            start = ends[i];
        }
        return sum / Count;
    }

    /// <summary>How many values exceed <paramref name="limit"/>.</summary>
    public int CountAbove(double limit)
    {
        // The first value above the limit; everything from it on exceeds it.
        int low = 0, high = values.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (values[mid] <= limit) low = mid + 1;
            else high = mid;
        }
        var before = ends is null ? low : low == 0 ? 0 : ends[low - 1];
        return (int)(Count - before);
    }

    public IEnumerator<double> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The run holding expanded index <paramref name="index"/>: the first whose cumulative end exceeds it.</summary>
    private int RunOf(long index)
    {
        int low = 0, high = ends!.Length - 1;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (ends[mid] <= index) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
