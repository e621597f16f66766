namespace Pipeline.Runner.Search;

/// <summary>One run of a peak-rate search: its arrival rate and what the run gave.</summary>
/// <param name="Rate">Poisson arrival rate, requests per second.</param>
/// <param name="Result">The run (timelines dropped for every probe but the peak, to keep a search's memory flat).</param>
public sealed record PeakProbe(double Rate, RunResult Result)
{
    /// <summary>The run is VALID as LoadGen judges it.</summary>
    public bool Valid => Result.IsValid;

    /// <summary>LoadGen's p99 TTFT of the run, seconds.</summary>
    public double P99Ttft => Result.Metrics.Ttft.LoadGenPercentile(99);

    /// <summary>LoadGen's p99 TPOT of the run, seconds.</summary>
    public double P99Tpot => Result.Metrics.Tpot.LoadGenPercentile(99);

    /// <summary>
    /// Output tokens per second as LoadGen reports a Server or Interactive run (the only scenarios a search runs): up to
    /// the end of the last query issued (<see cref="Pipeline.Serving.Accounting.ServingMetrics.CompletedOutputThroughput"/>),
    /// the figure the scenario table prints for the same run.
    /// </summary>
    public double OutputTokensPerSecond => Result.Metrics.CompletedOutputThroughput;
}
