using Pipeline.Core.Diagnostics;

namespace Pipeline.Runner.Capacity;

/// <summary>A capacity plan's answer.</summary>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="Traffic">The rate to meet, req/s (the workload's Poisson rate).</param>
/// <param name="Candidates">Every candidate's result, by index.</param>
/// <param name="Diagnostics">The experiment's diagnostics (warnings; errors leave no candidates).</param>
/// <param name="Seed">The workload seed every candidate's runs used (the file's, or the override).</param>
/// <param name="Trace">
/// When the traffic is a trace, the trace as the plan describes it (e.g. <c>trace("day.csv"), 120 rows over 59.5 s</c>);
/// <see cref="Traffic"/> is then its mean rate (rows over the last arrival), for the plot's line. Null for a Poisson rate.
/// </param>
public sealed record CapacityReport(
    string Experiment, double Traffic, IReadOnlyList<CandidateResult> Candidates, IReadOnlyList<Diagnostic> Diagnostics, int Seed = 0, string? Trace = null)
{
    /// <summary>
    /// The cheapest candidate that meets the traffic: lowest cost per hour, then the higher peak, then the lower
    /// index; null when none does.
    /// </summary>
    public CandidateResult? Cheapest => Candidates.Where(c => c.MeetsTraffic)
        .OrderBy(c => c.UsdPerHour).ThenByDescending(c => c.Sustained).ThenBy(c => c.Index).FirstOrDefault();

    /// <summary>
    /// The candidates no other beats on both cost (lower or equal) and sustained rate (<see cref="CandidateResult.Sustained"/>:
    /// the peak; higher or equal), cheapest first.
    /// </summary>
    public IReadOnlyList<CandidateResult> ParetoFront
    {
        get
        {
            var searched = Candidates.Where(c => c.Sustained is not null).OrderBy(c => c.UsdPerHour).ThenByDescending(c => c.Sustained).ThenBy(c => c.Index);
            var front = new List<CandidateResult>();
            foreach (var candidate in searched)
            {
                if (front.Count == 0 || candidate.Sustained > front[^1].Sustained) front.Add(candidate);
            }
            return front;
        }
    }
}
