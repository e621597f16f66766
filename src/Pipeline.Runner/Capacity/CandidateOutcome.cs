namespace Pipeline.Runner.Capacity;

/// <summary>What became of one capacity candidate.</summary>
public enum CandidateOutcome
{
    /// <summary>The candidate does not compile (does not fit in memory, tp does not divide the heads, ...).</summary>
    Infeasible,

    /// <summary>The roofline bound is below the traffic: no run at the traffic's rate or above can be VALID, so no search ran.</summary>
    Pruned,

    /// <summary>Its peak was searched.</summary>
    Searched,

    /// <summary>
    /// The traffic is a trace: the candidate ran it once, as recorded (its arrival times and lengths), and meets the
    /// traffic when that run is VALID; it has no peak, its <see cref="CandidateResult.Goodput"/> is the run's.
    /// </summary>
    Replayed,
}
