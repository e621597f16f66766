using Pipeline.Plans;

namespace Pipeline.Runner.Cells;

/// <summary>A run's headline figures, as <c>sweep.csv</c> and the sweep charts show them (one home for reading them off a run).</summary>
/// <param name="OfferedRate">Arrival rate of the run's workload, requests per second: the Poisson rate, or a trace's mean rate at its speed; null for other arrivals.</param>
/// <param name="Completed">Requests completed.</param>
/// <param name="RequestThroughput">Completed requests per second.</param>
/// <param name="OutputThroughput">Output tokens per second.</param>
/// <param name="Goodput">Requests per second that met every limit.</param>
/// <param name="P99TtftSeconds">99th-percentile TTFT.</param>
/// <param name="P99TpotSeconds">99th-percentile TPOT.</param>
/// <param name="SloMet">Whether every limit held (null without limits).</param>
/// <param name="Valid">Whether the run is a valid result.</param>
public sealed record CellFigures(
    double? OfferedRate,
    int Completed,
    double RequestThroughput,
    double OutputThroughput,
    double Goodput,
    double P99TtftSeconds,
    double P99TpotSeconds,
    bool? SloMet,
    bool Valid)
{
    /// <summary>The figures of <paramref name="run"/>, a run of <paramref name="plan"/>.</summary>
    public static CellFigures Of(ExperimentPlan plan, RunResult run)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(run);
        var m = run.Metrics;
        var rate = Search.PeakRateSearch.StartRate(plan);
        return new CellFigures(rate, m.Completed, m.RequestThroughput, m.OutputThroughput, m.Goodput, m.Ttft.P99, m.Tpot.P99, m.SloMet, run.IsValid);
    }
}
