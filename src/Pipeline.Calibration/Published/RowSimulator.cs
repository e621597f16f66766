using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Runner;

namespace Pipeline.Calibration.Published;

/// <summary>Compiles and simulates the experiment of a published result (<see cref="RowExperiment"/>).</summary>
public static class RowSimulator
{
    /// <summary>Simulates the row; a compile or run error is a bug in the row's text, so it throws with the diagnostics.</summary>
    /// <param name="row">The published result.</param>
    /// <param name="system">How it is simulated.</param>
    /// <param name="workload">The data set's lengths.</param>
    /// <param name="cost">Cost settings to declare on the accelerator.</param>
    /// <param name="seed">Seed of the workload (its arrivals and lengths): another seed shows the prediction's sampling spread.</param>
    /// <param name="length">How long a Server run lasts (the row's published run when null).</param>
    public static RowPrediction Simulate(PublishedResult row, SimulatedSystem system, MlperfWorkload workload, IReadOnlyList<string> cost, int seed = 1,
        ServerRunLength? length = null)
        => Simulate(row, system, RowExperiment.Text(row, system, workload, cost, seed, length: length));

    /// <summary>Simulates the row from its experiment text (<see cref="RowExperiment.Text"/>), already built for <paramref name="system"/>.</summary>
    public static RowPrediction Simulate(PublishedResult row, SimulatedSystem system, string text)
    {
        ArgumentNullException.ThrowIfNull(system);
        return WholeRun(Run(row, text), system, row.IsOffline ? Pipeline.Plans.Scenario.Offline : Pipeline.Plans.Scenario.Server);
    }

    /// <summary>Compiles and runs one of a row's experiments (<see cref="RowExperiment.Text"/>) with its metrics streamed; one that fails is a bug in the text, so it throws with the diagnostics.</summary>
    public static RunResult Run(PublishedResult row, string text)
    {
        // Every figure comes from the streamed metrics: a Server row's hundreds of thousands of timelines need not be kept.
        var result = ExperimentRunner.Run(Compile(row, text), new RunOptions(KeepTimelines: false));
        return result.Succeeded
            ? result
            : throw new InvalidOperationException($"The experiment of row {row.Line} failed: {string.Join("; ", result.Diagnostics.Select(e => e.Message))}");
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

    // LoadGen's figures: Offline's tokens/s over the whole run, Server's "completed tokens per second" up to the end of
    // the last query issued (a tail of long requests issued before it is not waited for), the percentiles over every
    // query; tokens/s times the shares the run is one of, queries in flight divided among the replicas it ran.
    private static RowPrediction WholeRun(RunResult result, SimulatedSystem system, Pipeline.Plans.Scenario scenario)
    {
        var m = result.Metrics;
        return new RowPrediction(m.LoadGenOutputThroughput(scenario) * system.Shares, m.Ttft.P99, m.Tpot.P99, m.Completed, m.Ttft.Mean, m.Tpot.Mean,
            m.MeanInFlight / system.SimulatedReplicas);
    }
}
