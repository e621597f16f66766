namespace Pipeline.Runner.Scenarios;

/// <summary>
/// The best a deployment does under one TPOT limit (the other Server limits unchanged): the peak Poisson rate whose run
/// is VALID, its output tokens per second and how much of the hardware that run used. One row of the curve behind the
/// scenario report: as the limit tightens, batches shrink and utilisation collapses.
/// </summary>
/// <param name="TpotLimit">The p99 TPOT limit, seconds.</param>
/// <param name="PeakRate">The peak rate, requests per second (null when no rate met the limit).</param>
/// <param name="OutputTokensPerSecond">Output tokens per second at the peak (0 when none).</param>
/// <param name="Mfu">Model FLOPs utilisation at the peak.</param>
/// <param name="PrefillMfu">Prefill's part of it.</param>
/// <param name="DecodeMfu">Decode's part of it.</param>
/// <param name="Mbu">Memory-bandwidth utilisation at the peak.</param>
/// <param name="MeanDecodeBatch">Sequences per decode step at the peak.</param>
/// <param name="P99Tpot">LoadGen's p99 TPOT of the peak run, seconds.</param>
/// <param name="P99Ttft">LoadGen's p99 TTFT of the peak run, seconds.</param>
public sealed record TpotCurvePoint(
    double TpotLimit,
    double? PeakRate,
    double OutputTokensPerSecond,
    double Mfu,
    double PrefillMfu,
    double DecodeMfu,
    double Mbu,
    double MeanDecodeBatch,
    double P99Tpot,
    double P99Ttft);
