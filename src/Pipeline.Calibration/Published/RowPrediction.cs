namespace Pipeline.Calibration.Published;

/// <summary>What the simulator predicts for a published result, for the whole system.</summary>
/// <param name="TokensPerSecond">Output tokens per second of all replicas.</param>
/// <param name="TtftP99">p99 time to first token, seconds.</param>
/// <param name="TpotP99">p99 time per output token (LoadGen's per-sample definition), seconds.</param>
/// <param name="Completed">Requests the replica completed.</param>
/// <param name="TtftMean">Mean time to first token, seconds.</param>
/// <param name="TpotMean">Mean over samples of the per-sample time per output token (LoadGen's mean), seconds.</param>
/// <param name="InFlightPerReplica">Queries in one replica on average over the run (Little's law: completed queries per
/// second times the mean latency), where a published row's <see cref="PublishedResult.MeanInFlight"/> shows where the
/// real system sat on its latency curve: near saturation a few per cent of capacity moves the batch, and with it the
/// TPOT, by tens of per cent.</param>
public sealed record RowPrediction(double TokensPerSecond, double TtftP99, double TpotP99, int Completed, double TtftMean = 0, double TpotMean = 0,
    double InFlightPerReplica = 0);
