using Pipeline.Calibration.Published;

namespace Pipeline.Calibration.Fidelity;

/// <summary>A published result beside the simulator's prediction for it (or why there is none).</summary>
/// <param name="Row">The published result.</param>
/// <param name="System">How it was simulated; null when it could not be.</param>
/// <param name="Prediction">The prediction; null when the row could not be simulated.</param>
/// <param name="Skipped">Why the row was not simulated.</param>
public sealed record ResultComparison(PublishedResult Row, SimulatedSystem? System, RowPrediction? Prediction, string? Skipped)
{
    /// <summary>Relative error of predicted tokens/s (prediction / published - 1).</summary>
    public double? TokensError => Prediction is { } p ? p.TokensPerSecond / Row.TokensPerSecond - 1 : null;

    /// <summary>Relative error of the p99 TPOT (Server rows).</summary>
    public double? TpotError => Prediction is { } p && Row.TpotP99 is { } published ? p.TpotP99 / published - 1 : null;

    /// <summary>Relative error of the mean TPOT (Server rows whose mean is published).</summary>
    public double? TpotMeanError => Prediction is { } p && Row.TpotMean is { } published ? p.TpotMean / published - 1 : null;

    /// <summary>Relative error of the mean TTFT (Server rows whose mean is published).</summary>
    public double? TtftMeanError => Prediction is { } p && Row.TtftMean is { } published ? p.TtftMean / published - 1 : null;

    /// <summary>Queries in one replica of the published system on average (Server rows whose means are published).</summary>
    public double? PublishedInFlightPerReplica => System is { } s && !Row.IsOffline ? Row.MeanInFlightPer(s.Replicas) : null;

    /// <summary>Relative error of the p99 TTFT (Server rows).</summary>
    public double? TtftError => Prediction is { } p && Row.TtftP99 is { } published ? p.TtftP99 / published - 1 : null;
}
