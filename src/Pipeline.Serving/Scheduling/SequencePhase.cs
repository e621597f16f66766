namespace Pipeline.Serving.Scheduling;

/// <summary>What a sequence does in a step.</summary>
public enum SequencePhase
{
    /// <summary>Computes prompt tokens (a whole prompt, a chunk, or a recomputation after preemption).</summary>
    Prefill,
    /// <summary>Computes the one token sampled in the previous step.</summary>
    Decode,
}
