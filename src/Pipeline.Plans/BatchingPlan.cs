namespace Pipeline.Plans;

/// <summary>The batching policy of the serving scheduler.</summary>
public enum BatchingPolicy
{
    /// <summary>Gather a batch, prefill it, decode until the whole batch is done.</summary>
    Static,
    /// <summary>Iteration-level batching: requests join and leave at every step.</summary>
    Continuous,
    /// <summary>Continuous batching with prompts split into chunks under a per-step token budget.</summary>
    Chunked,
}

/// <summary>When newly admitted prompts are prefilled, under continuous batching.</summary>
public enum PrefillSchedule
{
    /// <summary>Prefills ride in the same step as the running decodes.</summary>
    Mixed,
    /// <summary>A step runs either prefills (first) or decodes, never both.</summary>
    Separate,
}

/// <summary>What happens to a victim when the KV cache runs out.</summary>
public enum PreemptionMode
{
    /// <summary>Free the victim's blocks and re-queue it; its prompt and generated tokens are prefilled again.</summary>
    Recompute,
    /// <summary>Copy the victim's blocks to host memory and back when it resumes.</summary>
    Swap,
}

/// <summary>The scheduler's settings.</summary>
/// <param name="Policy">Batching policy.</param>
/// <param name="MaxBatch">Most sequences in one step.</param>
/// <param name="MaxBatchedTokens">Most tokens (prefill + decode) in one step; the chunk budget under <see cref="BatchingPolicy.Chunked"/>.</param>
/// <param name="MaxWait">Static batching: seconds to wait for a full batch before starting a partial one.</param>
/// <param name="KvBlockSize">Tokens per KV-cache block.</param>
/// <param name="Preemption">Preemption mode (victims are taken newest first).</param>
/// <param name="PrefillSchedule">Continuous batching: whether prefills share steps with decodes.</param>
public sealed record BatchingPlan(
    BatchingPolicy Policy,
    int MaxBatch,
    int MaxBatchedTokens,
    double MaxWait,
    int KvBlockSize,
    PreemptionMode Preemption,
    PrefillSchedule PrefillSchedule);
