using Pipeline.Plans;
using Pipeline.Runner.Search;
using Pipeline.Serving.Accounting;

namespace Pipeline.Runner.Scenarios;

/// <summary>One scenario of a comparison: the run that stands for it (Server and Interactive: the run at the peak rate).</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Run">Its run (for Server and Interactive, the peak's; the closest INVALID probe when no rate was VALID).</param>
/// <param name="Slo">The limits the scenario is judged against (none for Offline and SingleStream).</param>
/// <param name="Goodput">Requests per second that met every limit of <paramref name="GoodputSlo"/> (DistServe's goodput).</param>
/// <param name="GoodputSlo">The limits goodput counts against: the scenario's own, or the Server limits for Offline and SingleStream.</param>
/// <param name="Search">The peak search (Server and Interactive).</param>
public sealed record ScenarioRow(Scenario Scenario, RunResult Run, SloPlan Slo, double Goodput, SloPlan GoodputSlo, PeakSearchResult? Search)
{
    /// <summary>Output tokens per second as LoadGen reports them for the scenario (<see cref="ServingMetrics.LoadGenOutputThroughput"/>).</summary>
    public double OutputTokensPerSecond => Run.Metrics.LoadGenOutputThroughput(Scenario);

    /// <summary>LoadGen's p99 TTFT, seconds.</summary>
    public double P99Ttft => Run.Metrics.Ttft.LoadGenPercentile(99);

    /// <summary>LoadGen's p99 TPOT, seconds.</summary>
    public double P99Tpot => Run.Metrics.Tpot.LoadGenPercentile(99);

    /// <summary>The run is VALID (for Server and Interactive: a VALID peak was found).</summary>
    public bool Valid => Run.IsValid && (Search is null || Search.Found);

    /// <summary>The peak rate (Server and Interactive), requests per second.</summary>
    public double? PeakRate => Search?.Peak?.Rate;
}
