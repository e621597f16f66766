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
public sealed record RunLimits(double Requests, double Tokens, double TimelineBytes, double SpanSeconds)
{
    /// <summary>Simulate mode: 10 million requests, 10 billion tokens, 8 GB of timelines, about three years of arrivals.</summary>
    public static readonly RunLimits Simulate = new(1e7, 1e10, 8e9, 1e8);

    /// <summary>Execute mode runs real kernels: a million requests, a billion tokens, a week of arrivals.</summary>
    public static readonly RunLimits Execute = new(1e6, 1e9, 8e9, 604800);

    /// <summary>The limits of a mode.</summary>
    public static RunLimits Of(BenchmarkMode mode) => mode == BenchmarkMode.Execute ? Execute : Simulate;
}
