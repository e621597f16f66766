namespace Pipeline.Plans;

/// <summary>
/// What one run may ask for; chosen far above real experiments (an MLPerf server run is about 25,000 queries). The
/// compiler refuses a workload it can size beyond them (PL0440, PL0441); a single-stream run, whose query count
/// follows its latencies, stops at <see cref="Requests"/> while running.
/// </summary>
/// <param name="Requests">Requests made, including those sent to reach the minimum query count and duration.</param>
/// <param name="Tokens">Prompt plus output tokens of all requests.</param>
/// <param name="TimelineBytes">Memory of the finished requests' timelines.</param>
/// <param name="SpanSeconds">Time over which the requests arrive.</param>
/// <param name="Flops">
/// Model work of all requests (their weights' and attention's FLOPs): an executed run computes them on this machine, so
/// a request of millions of tokens, whose attention grows with its square, is refused rather than run for months.
/// </param>
public sealed record RunLimits(double Requests, double Tokens, double TimelineBytes, double SpanSeconds, double Flops)
{
    /// <summary>Simulate mode: 10 million requests, 10 billion tokens, 8 GB of timelines, about three years of arrivals (its FLOPs are only counted).</summary>
    public static readonly RunLimits Simulate = new(1e7, 1e10, 8e9, 1e8, double.PositiveInfinity);

    /// <summary>
    /// Execute mode runs real kernels: a million requests, a billion tokens, a week of arrivals, 10^14 FLOPs (about a
    /// quarter of an hour at the 100 GFLOP/s a two-core machine's products reach, hours where attention dominates).
    /// </summary>
    public static readonly RunLimits Execute = new(1e6, 1e9, 8e9, 604800, 1e14);

    /// <summary>The limits of a mode.</summary>
    public static RunLimits Of(BenchmarkMode mode) => mode == BenchmarkMode.Execute ? Execute : Simulate;
}
