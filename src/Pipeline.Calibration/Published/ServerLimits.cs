using System.Globalization;

namespace Pipeline.Calibration.Published;

/// <summary>p99 latency limits a simulated Server run is judged against, written as the experiment's <c>slo</c> block.</summary>
/// <param name="TtftP99">p99 time to first token, seconds.</param>
/// <param name="TpotP99">p99 time per output token, seconds.</param>
public sealed record ServerLimits(double TtftP99, double TpotP99)
{
    /// <summary>MLPerf Llama 2 70B Server's p99 TTFT limit (2 s; <c>shared/calibration/README.md</c>).</summary>
    public const double MlperfTtftP99 = 2.0;

    /// <summary>The <c>slo { ... }</c> block (milliseconds, to the microsecond).</summary>
    public string SloBlock => string.Create(CultureInfo.InvariantCulture,
        $"slo {{ ttft p99 <= {TtftP99 * 1000:0.###} ms   tpot p99 <= {TpotP99 * 1000:0.###} ms }}");
}
