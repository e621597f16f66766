namespace Pipeline.Serving.Scheduling;

/// <summary>
/// The scheduler's decision for one step (one forward pass). An executor performs, in this order: the
/// swap-outs (before their blocks are reused), the swap-ins, then the forward pass over <see cref="Sequences"/>.
/// </summary>
/// <param name="Step">Step number of the worker (0, 1, ...).</param>
/// <param name="Sequences">Sequences fed this step.</param>
/// <param name="Preempted">Requests preempted while forming this step, newest first.</param>
/// <param name="SwapOut">KV blocks to copy to host memory first (swap preemption).</param>
/// <param name="SwapIn">KV blocks to restore from host memory before the forward pass.</param>
/// <param name="WakeAt">When nothing runs now but something will without any new event (static batching's wait), that time.</param>
public sealed record ScheduledBatch(
    long Step,
    IReadOnlyList<ScheduledSequence> Sequences,
    IReadOnlyList<int> Preempted,
    IReadOnlyList<KvMoveOrder> SwapOut,
    IReadOnlyList<KvMoveOrder> SwapIn,
    double? WakeAt = null)
{
    /// <summary>True when there is nothing to execute.</summary>
    public bool IsEmpty => Sequences.Count == 0 && SwapOut.Count == 0 && SwapIn.Count == 0;

    /// <summary>Tokens fed by prefilling sequences.</summary>
    public int PrefillTokens => Sequences.Where(s => s.Phase == SequencePhase.Prefill).Sum(s => s.TokenCount);

    /// <summary>Sequences decoding one token.</summary>
    public int DecodeCount => Sequences.Count(s => s.Phase == SequencePhase.Decode);

    /// <summary>All tokens fed.</summary>
    public int TotalTokens => Sequences.Sum(s => s.TokenCount);

    /// <summary>The sequences as contiguous values (the scheduler's array, or a copy of another list), for hot loops without interface calls.</summary>
    internal static ArraySegment<ScheduledSequence> Contiguous(IReadOnlyList<ScheduledSequence> sequences) => sequences switch
    {
        ScheduledSequence[] array => new ArraySegment<ScheduledSequence>(array),
        ArraySegment<ScheduledSequence> segment => segment,
        _ => new ArraySegment<ScheduledSequence>(sequences.ToArray()),
    };

    /// <summary>An empty batch.</summary>
    public static ScheduledBatch Empty(long step, double? wakeAt = null) => new(step, [], [], [], [], wakeAt);
}
