using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Runner;

namespace Pipeline.Calibration.Published;

/// <summary>Compiles and simulates the experiment of a published result (<see cref="RowExperiment"/>).</summary>
public static class RowSimulator
{
    /// <summary>Least share of a Server run's arrival window treated as warm-up (the cache and batch fill from empty); the warm-up also lasts at least the p99 end-to-end latency, at most half the window.</summary>
    public const double ServerWarmUp = 0.2;

    /// <summary>Simulates the row; a compile or run error is a bug in the row's text, so it throws with the diagnostics.</summary>
    /// <param name="row">The published result.</param>
    /// <param name="system">How it is simulated.</param>
    /// <param name="workload">The data set's lengths.</param>
    /// <param name="cost">Cost settings to declare on the accelerator.</param>
    /// <param name="seed">Seed of the workload (its arrivals and lengths): another seed shows the prediction's sampling spread.</param>
    public static RowPrediction Simulate(PublishedResult row, SimulatedSystem system, MlperfWorkload workload, IReadOnlyList<string> cost, int seed = 1)
    {
        var result = ExperimentRunner.Run(Compile(row, RowExperiment.Text(row, system, workload, cost, seed)));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The experiment of row {row.Line} failed: {string.Join("; ", result.Diagnostics.Select(e => e.Message))}");
        }
        return row.IsOffline ? Offline(result, system) : SteadyServer(result, system);
    }

    /// <summary>Compiles a row's experiment text (<see cref="RowExperiment.Text"/>); one that does not compile is a bug in the text, so it throws with the diagnostics.</summary>
    public static Pipeline.Plans.ExperimentPlan Compile(PublishedResult row, string text)
    {
        ArgumentNullException.ThrowIfNull(row);
        var compiled = ExperimentCompiler.Compile(new SourceText($"row-{row.Line}.pipe", text));
        return compiled.Success
            ? compiled.Plan!
            : throw new InvalidOperationException($"The experiment of row {row.Line} does not compile: {string.Join("; ", compiled.Errors.Select(e => e.Message))}\n{text}");
    }

    // Offline: LoadGen's figure, output tokens over the whole run (the drain included), for every replica.
    private static RowPrediction Offline(RunResult result, SimulatedSystem system)
    {
        var m = result.Metrics;
        return new RowPrediction(m.OutputThroughput * system.Replicas, m.Ttft.P99, m.Tpot.P99, m.Completed, m.Ttft.Mean, m.Tpot.Mean);
    }

    // Server: a published run lasts ~45 minutes, where filling and draining weigh ~2%; the simulated run is shorter,
    // so its steady state stands for it: tokens produced between the warm-up and the last arrival, and the
    // percentiles of the queries that arrived in that window.
    private static RowPrediction SteadyServer(RunResult result, SimulatedSystem system)
    {
        var timelines = result.Timelines;
        var first = timelines.Min(t => t.Arrival);
        var last = timelines.Max(t => t.Arrival);
        // Warm-up: until the longest-lived queries of the steady state could be in flight.
        var completed = timelines.Where(t => t.E2e is not null).Select(t => t.E2e!.Value).ToArray();
        var longest = completed.Length == 0 ? 0 : new Pipeline.Serving.Accounting.LatencyStats(completed).P99;
        var from = first + Math.Min((last - first) * 0.5, Math.Max((last - first) * ServerWarmUp, longest));
        var tokens = timelines.Sum(t => t.TokenTimes.Count(time => time >= from && time <= last));
        var steady = timelines.Where(t => t.Arrival >= from).ToArray();
        var metrics = Pipeline.Serving.Accounting.ServingMetrics.From(steady);
        return new RowPrediction(tokens / (last - from) * system.Replicas, metrics.Ttft.P99, metrics.Tpot.P99, metrics.Completed, metrics.Ttft.Mean, metrics.Tpot.Mean);
    }
}
