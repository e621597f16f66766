using Pipeline.Core.Diagnostics;

namespace Pipeline.Runner.Capacity;

/// <summary>A capacity plan's answer.</summary>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="Traffic">The rate to meet, req/s (the workload's Poisson rate).</param>
/// <param name="Candidates">Every candidate's result, by index.</param>
/// <param name="Diagnostics">The experiment's diagnostics (warnings; errors leave no candidates).</param>
/// <param name="Seed">The workload seed every candidate's runs used (the file's, or the override).</param>
public sealed record CapacityReport(string Experiment, double Traffic, IReadOnlyList<CandidateResult> Candidates, IReadOnlyList<Diagnostic> Diagnostics, int Seed = 0)
{
    /// <summary>
    /// The cheapest candidate that meets the traffic: lowest cost per hour, then the higher peak, then the lower
    /// index; null when none does.
    /// </summary>
    public CandidateResult? Cheapest => Candidates.Where(c => c.MeetsTraffic)
        .OrderBy(c => c.UsdPerHour).ThenByDescending(c => c.PeakRate).ThenBy(c => c.Index).FirstOrDefault();

    /// <summary>The searched candidates no other beats on both cost (lower or equal) and peak (higher or equal), cheapest first.</summary>
    public IReadOnlyList<CandidateResult> ParetoFront
    {
        get
        {
            var searched = Candidates.Where(c => c.PeakRate is not null).OrderBy(c => c.UsdPerHour).ThenByDescending(c => c.PeakRate).ThenBy(c => c.Index);
            var front = new List<CandidateResult>();
            foreach (var candidate in searched)
            {
                if (front.Count == 0 || candidate.PeakRate > front[^1].PeakRate) front.Add(candidate);
            }
            return front;
        }
    }
}
