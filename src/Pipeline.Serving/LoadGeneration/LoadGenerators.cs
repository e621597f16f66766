using Pipeline.Core.Diagnostics;
using Pipeline.Plans;
using Pipeline.Serving.Workload;

namespace Pipeline.Serving.LoadGeneration;

/// <summary>Makes the load generator of a benchmark scenario over a workload.</summary>
public static class LoadGenerators
{
    /// <summary>
    /// The scenario's generator over the workload's requests, or the diagnostics explaining why the workload cannot
    /// be read (a malformed trace, a workload that never ends).
    /// </summary>
    /// <param name="scenario">Offline, Server, Interactive or SingleStream.</param>
    /// <param name="workload">The requests: their count or duration, lengths, arrivals and seed.</param>
    /// <param name="vocabulary">Vocabulary size for prompt token ids.</param>
    /// <param name="baseDirectory">Directory trace paths are relative to, or null for the current one.</param>
    /// <param name="minimums">The benchmark's minimum query count and duration: the run issues more than the workload when needed to reach them.</param>
    public static (ILoadGenerator? Load, IReadOnlyList<Diagnostic> Diagnostics) For(
        Scenario scenario, WorkloadPlan workload, int vocabulary, string? baseDirectory = null, LoadMinimums? minimums = null)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var closedLoop = scenario == Scenario.SingleStream;
        var (stream, diagnostics) = RequestStream.Open(workload, vocabulary, baseDirectory, timeBounded: !closedLoop);
        if (stream is null)
        {
            return (null, diagnostics);
        }
        ILoadGenerator load = scenario switch
        {
            Scenario.Offline => new OfflineLoad(stream, workload, minimums),
            Scenario.SingleStream => new SingleStreamLoad(stream, workload.Duration, minimums),
            _ => new ServerLoad(stream, workload, minimums),
        };
        return (load, diagnostics);
    }
}
