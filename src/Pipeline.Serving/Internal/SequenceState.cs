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
/// <remarks>
/// The tokens are the request's prompt until the sequence is first scheduled; only then are they copied, once, into an
/// array sized for the longest the sequence gets. So a waiting request holds no copy of its prompt (an Offline run
/// queues every query at once), and a running one never regrows its list. The array is append-only, so the ranges of
/// it handed out with a step (<see cref="Scheduling.ScheduledSequence"/>) stay valid.
/// </remarks>
internal sealed class SequenceState(ServingRequest request)
{
    private int[]? _tokens;

    public ServingRequest Request { get; } = request;

    public int Id { get; } = request.Id;

    /// <summary>The request's prompt length and output count, kept here: they are read for every sequence of every step.</summary>
    public int PromptLength { get; } = request.PromptLength;

    public int MaxOutputTokens { get; } = request.MaxOutputTokens;

    /// <summary>The sequence's device KV table as last seen (valid while <see cref="Scheduling.KvBlockTable.Live"/>), to skip lookups by id.</summary>
    public Scheduling.KvBlockTable? Kv { get; set; }

    /// <summary>Tokens known so far: the prompt, then the output.</summary>
    public int TokenCount { get; private set; } = request.PromptLength;

    public int Computed { get; set; }

    public SequenceStatus Status { get; set; } = SequenceStatus.Waiting;

    public int SwappedBlocks { get; set; }

    /// <summary>The serving loop's recorder of this request (null when the scheduler is driven without a loop), so the loop finds it by the sequence's position in a step instead of by id.</summary>
    public TimelineRecorder? Recorder { get; set; }

    public int Generated => TokenCount - PromptLength;

    public int Pending => TokenCount - Computed;

    public bool IsDecoding => Generated > 0 && Pending == 1;

    /// <summary>
    /// The append-only array holding the tokens (its first <see cref="TokenCount"/> entries), made when the sequence is
    /// first scheduled: the prompt copied into room for its whole length. Appends never change what is there.
    /// </summary>
    public int[] Storage()
    {
        if (_tokens is null)
        {
            var tokens = new int[Math.Max(PromptLength + MaxOutputTokens, TokenCount + 1)];
            if (Request.PromptTokens is SeededPrompt seeded) seeded.CopyTo(tokens);
            else for (var i = 0; i < TokenCount; i++) tokens[i] = Request.PromptTokens[i];
            _tokens = tokens;
        }
        return _tokens;
    }

    /// <summary>Appends an output token.</summary>
    public void Append(int token)
    {
        var tokens = Storage();
        if (TokenCount == tokens.Length)
        {
            // Never for a well-formed request (it stops at its output count); a new array keeps older views valid.
            Array.Resize(ref _tokens, 2 * tokens.Length);
        }
        _tokens![TokenCount++] = token;
    }

    /// <summary>Arrival order: older first, ties by id.</summary>
    public static int CompareAge(SequenceState a, SequenceState b)
    {
        var byTime = a.Request.ArrivalTime.CompareTo(b.Request.ArrivalTime);
        return byTime != 0 ? byTime : a.Id.CompareTo(b.Id);
    }
}
