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
/// The tokens are the request's prompt until the first output token; only then are they copied, once, into an array
/// sized for the longest the sequence gets. So a waiting request holds no copy of its prompt (an Offline run queues
/// every query at once), and a running one never regrows its list. The array is append-only, so views of a prefix
/// handed out with a step (<see cref="Slice"/>) stay valid.
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

    public int Generated => TokenCount - PromptLength;

    public int Pending => TokenCount - Computed;

    public bool IsDecoding => Generated > 0 && Pending == 1;

    /// <summary>The token at <paramref name="position"/> (below <see cref="TokenCount"/>).</summary>
    public int TokenAt(int position) => _tokens is { } tokens ? tokens[position] : Request.PromptTokens[position];

    /// <summary>
    /// Tokens <c>start .. start + count - 1</c> as a read-only list: a view of the append-only storage (or of the prompt
    /// when it is an array), which later appends never change; a copy otherwise.
    /// </summary>
    public IReadOnlyList<int> Slice(int start, int count)
    {
        if (_tokens is { } tokens) return new ReadOnlySlice(tokens, start, count);
        if (Request.PromptTokens is int[] prompt) return new ReadOnlySlice(prompt, start, count);
        if (Request.PromptTokens is SeededPrompt seeded) return new ReadOnlySlice(seeded.Tokens, start, count);
        var copy = new int[count];
        for (var i = 0; i < count; i++) copy[i] = Request.PromptTokens[start + i];
        return copy;
    }

    /// <summary>Appends an output token.</summary>
    public void Append(int token)
    {
        if (_tokens is null)
        {
            _tokens = new int[Math.Max(PromptLength + MaxOutputTokens, TokenCount + 1)];
            for (var i = 0; i < TokenCount; i++) _tokens[i] = Request.PromptTokens[i];
        }
        else if (TokenCount == _tokens.Length)
        {
            // Never for a well-formed request (it stops at its output count); a new array keeps older views valid.
            Array.Resize(ref _tokens, 2 * _tokens.Length);
        }
        _tokens[TokenCount++] = token;
    }

    /// <summary>Arrival order: older first, ties by id.</summary>
    public static int CompareAge(SequenceState a, SequenceState b)
    {
        var byTime = a.Request.ArrivalTime.CompareTo(b.Request.ArrivalTime);
        return byTime != 0 ? byTime : a.Id.CompareTo(b.Id);
    }
}
