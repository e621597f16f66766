using Pipeline.Serving.Workload;

namespace Pipeline.Serving.Internal;

/// <summary>Where a sequence is in its scheduler.</summary>
internal enum SequenceStatus
{
    Waiting,
    Running,
    Swapped,
    HandedOff,
    Incoming,
    Finished,
}

/// <summary>
/// Mutable scheduler-side state of one request (vLLM v1's shape): all tokens known so far (prompt, then
/// output) and how many of them have KV in the cache. Whatever is not yet computed is scheduled next,
/// which makes prefill, chunks, decode and recomputation after preemption the same rule.
/// </summary>
internal sealed class SequenceState(ServingRequest request)
{
    public ServingRequest Request { get; } = request;

    public int Id => Request.Id;

    public List<int> Tokens { get; } = [.. request.PromptTokens];

    public int Computed { get; set; }

    public SequenceStatus Status { get; set; } = SequenceStatus.Waiting;

    public int SwappedBlocks { get; set; }

    public int Generated => Tokens.Count - Request.PromptLength;

    public int Pending => Tokens.Count - Computed;

    public bool IsDecoding => Generated > 0 && Pending == 1;

    /// <summary>Arrival order: older first, ties by id.</summary>
    public static int CompareAge(SequenceState a, SequenceState b)
    {
        var byTime = a.Request.ArrivalTime.CompareTo(b.Request.ArrivalTime);
        return byTime != 0 ? byTime : a.Id.CompareTo(b.Id);
    }
}
