using Pipeline.Plans;

namespace Pipeline.Reports;

/// <summary>Which run a report belongs to: its seed and, in a sweep, its cell and the value of every swept setting.</summary>
/// <param name="Seed">The workload seed the run used (the file's, or the one given on the command line).</param>
/// <param name="Cell">The sweep cell's index; null outside a sweep.</param>
/// <param name="Swept">Each swept setting's value in this cell (empty outside a sweep).</param>
public sealed record RunIdentity(int Seed, int? Cell, IReadOnlyList<KeyValuePair<string, double>> Swept)
{
    /// <summary>The identity of run <paramref name="index"/> of a compiled experiment, with an optional seed override.</summary>
    public static RunIdentity Of(ExperimentPlan plan, int index, int? seedOverride)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var seed = seedOverride ?? plan.Benchmark.Workload.Seed;
        return plan.Benchmark.Sweep is { } sweep && sweep.Runs.Count > 0
            ? new RunIdentity(seed, index, sweep.Runs.ElementAtOrDefault(index)?.Settings ?? [])
            : new RunIdentity(seed, null, []);
    }
}
