namespace Pipeline.Calibration.Published;

/// <summary>
/// How long a simulated Server run lasts: LoadGen issues at least <paramref name="Queries"/> queries to the whole system
/// and keeps issuing for at least <paramref name="Seconds"/>. The published runs used LoadGen's own minimums
/// (<see cref="LoadGen"/>); a shorter run is cheaper but, near saturation, sees the batch fill rather than where it
/// settles, so its TPOT reads low.
/// </summary>
/// <param name="Queries">Least queries issued to the whole system (shared among its replicas).</param>
/// <param name="Seconds">Least seconds of arrivals.</param>
public sealed record ServerRunLength(int Queries, double Seconds)
{
    /// <summary>
    /// LoadGen's minimums in the mlperf.conf of v4.0 and v4.1, which llama2-70b does not override:
    /// <c>*.Server.min_query_count = 270336</c> and <c>*.Server.min_duration = 600000</c> ms. At the H200 row's 101
    /// queries/s that is 45 minutes; the summaries' samples/s are 0.976-0.999 of their target rates, the drain of a run that long.
    /// </summary>
    public static ServerRunLength LoadGen { get; } = new(270336, 600);

    /// <summary>Queries one replica of <paramref name="replicas"/> simulates at its share, <paramref name="replicaRate"/> queries/s.</summary>
    public int QueriesPerReplica(double replicaRate, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        return (int)Math.Ceiling(Math.Max(replicaRate * Seconds, (double)Queries / replicas));
    }
}
