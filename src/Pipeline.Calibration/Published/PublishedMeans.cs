namespace Pipeline.Calibration.Published;

/// <summary>
/// Adds the Server mean TTFT, mean TPOT and completed queries per second that LoadGen's summaries publish (<c>mlperf-llama2-70b-v4.1-all-closed.tsv</c>)
/// to the curated rows that carry the configuration (<c>mlperf-llama2-70b-v4.tsv</c>). A curated row's system id is
/// the first field inside its name's brackets (<c>NVIDIA H200 (...) [H200-SXM-141GBx8_TRT; available]</c>); it matches
/// a summary row of the same round, submitter, scenario and <c>system_id</c> whose tokens/s is the row's (within
/// <see cref="SameRun"/>): the 99% and 99.9% accuracy targets are separate runs for some systems (HPE's XD670), and
/// the curated row names its run by its tokens/s. The closest run is taken; without one the row keeps no means.
/// </summary>
public static class PublishedMeans
{
    /// <summary>Largest relative difference of tokens/s between a curated row and the summary of the same run (0.01%).</summary>
    public const double SameRun = 1e-4;

    /// <summary>The rows, each with the means of its summary where one matches and it has none of its own.</summary>
    public static IReadOnlyList<PublishedResult> Join(IReadOnlyList<PublishedResult> rows, IReadOnlyList<PublishedResult> summaries)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(summaries);
        return rows.Select(row =>
        {
            if (row.TpotMean is not null || row.IsOffline) return row;
            var id = SystemId(row.System);
            var match = summaries
                .Where(s => s.TpotMean is not null && s.Round == row.Round && s.Submitter == row.Submitter
                    && s.Scenario.Equals(row.Scenario, StringComparison.OrdinalIgnoreCase) && SystemId(s.System) == id
                    && Math.Abs(s.TokensPerSecond / row.TokensPerSecond - 1) < SameRun)
                .MinBy(s => Math.Abs(s.TokensPerSecond - row.TokensPerSecond));
            return match is null ? row : row with { TtftMean = match.TtftMean, TpotMean = match.TpotMean, SamplesPerSecond = row.SamplesPerSecond ?? match.SamplesPerSecond };
        }).ToArray();
    }

    /// <summary>The system id of a name: the first field inside its last brackets, else the whole name.</summary>
    public static string SystemId(string system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var open = system.LastIndexOf('[');
        if (open < 0) return system.Trim();
        var inside = system[(open + 1)..];
        var end = inside.IndexOfAny([';', ']']);
        return (end < 0 ? inside : inside[..end]).Trim();
    }
}
