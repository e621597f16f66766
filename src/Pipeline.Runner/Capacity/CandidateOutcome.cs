namespace Pipeline.Runner.Capacity;

/// <summary>What became of one capacity candidate.</summary>
public enum CandidateOutcome
{
    /// <summary>The candidate does not compile (does not fit in memory, tp does not divide the heads, ...).</summary>
    Infeasible,

    /// <summary>The roofline bound is below the traffic: no run at the traffic's rate or above can be VALID, so no search ran.</summary>
    Pruned,

    /// <summary>Its peak was searched (a trace's by replaying it faster or slower: its mean rate at each speed).</summary>
    Searched,
}
