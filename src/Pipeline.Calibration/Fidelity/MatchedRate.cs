using Pipeline.Calibration.Published;

namespace Pipeline.Calibration.Fidelity;

/// <summary>
/// A published Server result beside the highest rate at which the simulated system keeps the published p99 TPOT and
/// MLPerf's p99 TTFT limit (<see cref="MatchedRates"/>), or why there is none.
/// </summary>
/// <param name="Row">The published Server result.</param>
/// <param name="System">How it was simulated; null when it could not be.</param>
/// <param name="PeakQps">Highest VALID rate found, queries per second for the whole system; null when none.</param>
/// <param name="LowestInvalidQps">Lowest INVALID rate probed, for the whole system: the peak lies below it.</param>
/// <param name="LimitedBy">Which limit the lowest INVALID probe broke (<c>TPOT</c>, <c>TTFT</c> or both).</param>
/// <param name="Skipped">Why there is no rate: the row cannot be simulated, or the search did not bracket one.</param>
public sealed record MatchedRate(
    PublishedResult Row,
    SimulatedSystem? System,
    double? PeakQps,
    double? LowestInvalidQps,
    string? LimitedBy,
    string? Skipped)
{
    /// <summary>Relative error of the rate (found / published - 1).</summary>
    public double? Error => PeakQps is { } peak && Row.TargetQps is { } published ? peak / published - 1 : null;
}
