using Pipeline.Plans.Catalog;

namespace Pipeline.Calibration.Published;

/// <summary>
/// How long a simulated Server run lasts: LoadGen issues at least <paramref name="Queries"/> queries to the whole system
/// and keeps issuing for at least <paramref name="Seconds"/>. The published runs each ran their own settings
/// (<see cref="Of"/>); a shorter run is cheaper but, near saturation, sees the batch fill rather than where it settles,
/// so its TPOT reads low.
/// </summary>
/// <param name="Queries">Least queries issued to the whole system (shared among its replicas).</param>
/// <param name="Seconds">Least seconds of arrivals.</param>
public sealed record ServerRunLength(int Queries, double Seconds)
{
    /// <summary>
    /// The rules' minimum run, for a row whose summary is not in <see cref="PublishedRunDurations"/>: mlperf.conf's
    /// <c>*.Server.min_duration = 600000</c> ms (v4.0 and v4.1 set no Server <c>min_query_count</c>, and the summaries
    /// print LoadGen's default, 100).
    /// </summary>
    public static ServerRunLength RuleMinimum { get; } = new(MlperfRules.DefaultMinQueryCount, MlperfRules.MinDuration);

    /// <summary>The row's published run: its summary's <c>min_duration</c> (600 s or 2,400 s) with 100 queries at least.</summary>
    public static ServerRunLength Of(PublishedResult row) =>
        PublishedRunDurations.Of(row) is { } seconds ? RuleMinimum with { Seconds = seconds } : RuleMinimum;

    /// <summary>Queries one of <paramref name="shares"/> equal shares of the system simulates at <paramref name="shareRate"/> queries/s.</summary>
    public int QueriesPerShare(double shareRate, int shares)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shares, 1);
        return (int)Math.Ceiling(Math.Max(shareRate * Seconds, (double)Queries / shares));
    }
}
