namespace Pipeline.Runner.Search;

/// <summary>What a peak-rate search found.</summary>
/// <param name="Probes">Every probe, in the order run.</param>
/// <param name="Peak">The VALID probe with the highest rate (its run keeps its timelines); null when no rate was VALID.</param>
/// <param name="LowestInvalid">The lowest INVALID rate probed, if any: the peak lies below it.</param>
/// <param name="Tolerance">The tolerance the search was asked for (a fraction).</param>
/// <param name="Failure">Why the search did not bracket a peak within the tolerance (no VALID rate, the limits never broke, interrupted); null when it did.</param>
public sealed record PeakSearchResult(
    IReadOnlyList<PeakProbe> Probes,
    PeakProbe? Peak,
    double? LowestInvalid,
    double Tolerance,
    string? Failure)
{
    /// <summary>True when a VALID peak was bracketed within the tolerance.</summary>
    public bool Found => Failure is null && Peak is not null;
}
