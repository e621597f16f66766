using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    private int _capacity; // _tokens.Length, kept here so an append reads no array header (another cache line)
    private int _tokenCount = request.PromptLength;
    private int _computed;
    private RunningSet? _set; // while running: the slot holding the counters
    private int _slot = -1;

    public ServingRequest Request { get; } = request;

    public int Id { get; } = request.Id;

    /// <summary>The request's prompt length and output count, kept here: they are read for every sequence of every step.</summary>
    public int PromptLength { get; } = request.PromptLength;

    public int MaxOutputTokens { get; } = request.MaxOutputTokens;

    /// <summary>The blocks of the sequence's device KV table as the scheduler last grew it (null when it holds none).</summary>
    /// <remarks>Kept here with <see cref="KvBlockCount"/> so a step reads them off the state it already holds, without a
    /// lookup by id or a visit to the table; the scheduler refreshes them on every growth and clears them on every free.</remarks>
    public int[]? KvBlocks { get; private set; }

    /// <summary>The device KV table itself, so a growth finds it without a lookup by id (null when it holds none).</summary>
    public Scheduling.KvBlockTable? KvTable { get; private set; }

    /// <summary>How many of <see cref="KvBlocks"/> the sequence holds.</summary>
    public int KvBlockCount { get; private set; }

    /// <summary>Tokens known so far: the prompt, then the output.</summary>
    public int TokenCount
    {
        get => _set is null ? _tokenCount : _set.TokenCount[_slot];
        private set
        {
            if (_set is null) _tokenCount = value;
            else _set.TokenCount[_slot] = value;
        }
    }

    /// <summary>Tokens whose KV is in the cache.</summary>
    public int Computed
    {
        get => _set is null ? _computed : _set.Computed[_slot];
        set
        {
            if (_set is null) _computed = value;
            else _set.Computed[_slot] = value;
        }
    }

    /// <summary>The sequence's slot in its scheduler's <see cref="RunningSet"/> while it runs, else -1.</summary>
    public int Slot => _slot;

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
            // Uninitialised: only the first TokenCount entries are ever read, and zeroing kilobytes per request showed.
            var tokens = GC.AllocateUninitializedArray<int>(Math.Max(PromptLength + MaxOutputTokens, TokenCount + 1));
            if (Request.PromptTokens is SeededPrompt seeded) seeded.CopyTo(tokens);
            else for (var i = 0; i < TokenCount; i++) tokens[i] = Request.PromptTokens[i];
            _tokens = tokens;
            _capacity = tokens.Length;
            if (_set is not null) _set.Tokens[_slot] = tokens;
        }
        return _tokens;
    }

    /// <summary>Appends an output token.</summary>
    public void Append(int token)
    {
        var tokens = Storage();
        if (TokenCount == _capacity)
        {
            // Never for a well-formed request (it stops at its output count); a new array keeps older views valid.
            Array.Resize(ref _tokens, 2 * _capacity);
            tokens = _tokens;
            _capacity = tokens.Length;
            if (_set is not null) _set.Tokens[_slot] = tokens;
        }
        // TokenCount < _capacity == tokens.Length: the write skips the bounds check, which would read the array's header.
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(tokens), TokenCount++) = token;
    }

    /// <summary>The scheduler grew (or reserved) the sequence's device KV table: its blocks now.</summary>
    public void SeeKv(Scheduling.KvBlockTable table)
    {
        KvTable = table;
        var (blocks, count) = (table.Blocks, table.Count);
        (KvBlocks, KvBlockCount) = (blocks, count);
        if (_set is not null) (_set.KvBlocks[_slot], _set.KvBlockCount[_slot]) = (blocks, count);
    }

    /// <summary>The scheduler freed the sequence's device KV table.</summary>
    public void ForgetKv()
    {
        KvTable = null;
        (KvBlocks, KvBlockCount) = (null, 0);
        if (_set is not null) (_set.KvBlocks[_slot], _set.KvBlockCount[_slot]) = (null, 0);
    }

    /// <summary>Starts running: takes a slot of <paramref name="set"/>, which holds the counters from now on.</summary>
    public void EnterSlot(RunningSet set)
    {
        if (_set is not null) throw new InvalidOperationException($"Request {Id} is already running.");
        var slot = set.Take();
        set.Computed[slot] = _computed;
        set.TokenCount[slot] = _tokenCount;
        set.PromptLength[slot] = PromptLength;
        set.Limit[slot] = PromptLength + MaxOutputTokens;
        set.Ids[slot] = Id;
        set.Arrival[slot] = Request.ArrivalTime;
        set.KvBlocks[slot] = KvBlocks;
        set.KvBlockCount[slot] = KvBlockCount;
        set.Tokens[slot] = _tokens;
        set.States[slot] = this;
        set.Recorders[slot] = Recorder;
        (_set, _slot) = (set, slot);
    }

    /// <summary>Stops running: the counters come back here and the slot is given back.</summary>
    public void LeaveSlot()
    {
        if (_set is not { } set) throw new InvalidOperationException($"Request {Id} is not running.");
        _computed = set.Computed[_slot];
        _tokenCount = set.TokenCount[_slot];
        set.Release(_slot);
        (_set, _slot) = (null, -1);
    }

    /// <summary>Arrival order: older first, ties by id.</summary>
    public static int CompareAge(SequenceState a, SequenceState b)
    {
        var byTime = a.Request.ArrivalTime.CompareTo(b.Request.ArrivalTime);
        return byTime != 0 ? byTime : a.Id.CompareTo(b.Id);
    }
}
