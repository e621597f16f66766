namespace Pipeline.Plans.Costs.Prediction;

/// <summary>
/// A ring all-reduce over <c>n</c> accelerators: 2(n-1) steps (reduce-scatter, then all-gather), each moving
/// <c>bytes / n</c> over every link at once, so it takes <c>2(n-1) latency + 2(n-1)/n bytes / bandwidth</c>.
/// </summary>
public static class RingAllReduce
{
    /// <summary>Seconds to all-reduce <paramref name="bytes"/> over <paramref name="participants"/> accelerators.</summary>
    /// <param name="bytes">Bytes of the tensor each participant holds.</param>
    /// <param name="participants">Accelerators in the ring; 1 costs nothing.</param>
    /// <param name="bandwidth">Bytes per second one link carries in one direction.</param>
    /// <param name="latency">Seconds per step of the ring.</param>
    public static double Seconds(double bytes, int participants, double bandwidth, double latency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(participants, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (participants == 1)
        {
            return 0;
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bandwidth);
        var steps = 2.0 * (participants - 1);
        return steps * latency + steps / participants * bytes / bandwidth;
    }
}
