namespace Pipeline.Plans;

/// <summary>A compiled experiment: what runs (<see cref="Execution"/>) and how it is measured (<see cref="Benchmark"/>).</summary>
/// <param name="Name">Experiment name.</param>
/// <param name="SourcePath">The experiment file it was compiled from.</param>
public sealed record ExperimentPlan(string Name, string SourcePath, ExecutionPlan Execution, BenchmarkPlan Benchmark)
{
    /// <summary>The experiment's <c>capacity { }</c> block (candidate deployments to weigh), or null when it has none.</summary>
    public Capacity.CapacityPlan? Capacity { get; init; }
}
