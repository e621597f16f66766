using Pipeline.Calibration.Published;

namespace Pipeline.Calibration.Fidelity;

/// <summary>
/// A published Server result's mean TPOT beside the simulator's at the batch the real run held
/// (<see cref="PublishedBatchTpots"/>), or why there is none.
/// </summary>
/// <param name="Row">The published Server result.</param>
/// <param name="System">How it was simulated; null when it could not be.</param>
/// <param name="Batch">Queries one replica held on average in the published run (Little's law on its means), rounded.</param>
/// <param name="TpotMean">Simulated mean TPOT with that batch held, seconds; null when not run.</param>
/// <param name="Skipped">Why it was not run.</param>
public sealed record PublishedBatchTpot(PublishedResult Row, SimulatedSystem? System, int? Batch, double? TpotMean, string? Skipped)
{
    /// <summary>Relative error of the mean TPOT (simulated / published - 1).</summary>
    public double? Error => TpotMean is { } simulated && Row.TpotMean is { } published ? simulated / published - 1 : null;
}
