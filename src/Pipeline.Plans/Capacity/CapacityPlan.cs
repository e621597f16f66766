namespace Pipeline.Plans.Capacity;

/// <summary>
/// The <c>capacity { }</c> block of an experiment: the axes of candidate deployments and their product. The traffic
/// to meet is the experiment's own Poisson rate and its SLOs are the limits; the planner compiles each candidate
/// through the compiler, bounds it, and searches its peak.
/// </summary>
/// <param name="Axes">The setting paths varied, in the order written.</param>
/// <param name="Candidates">Every combination, first axis slowest.</param>
public sealed record CapacityPlan(IReadOnlyList<string> Axes, IReadOnlyList<CapacityCandidate> Candidates)
{
    /// <summary>Most candidates one plan may hold (each is a peak search of tens of runs).</summary>
    public const int MaxCandidates = 1000;
}
