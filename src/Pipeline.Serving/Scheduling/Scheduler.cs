using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pipeline.Plans;
using Pipeline.Serving.Internal;
using Pipeline.Serving.Workload;

namespace Pipeline.Serving.Scheduling;

/// <summary>
/// The one scheduler of a worker, for every batching policy and both clocks (vLLM v1's shape):
/// <see cref="Add"/> a request, <see cref="Schedule"/> the next step, hand the batch to an executor,
/// then <see cref="Update"/> with what the step sampled. It never runs a model and never reads a clock;
/// the caller passes the current time (static batching's wait is its only use).
/// Each request keeps all its known tokens and the count that has KV in the cache; whatever is not yet
/// computed is what gets scheduled, so prefill, chunks, decode and recomputation are one rule.
/// Preemption takes victims newest first (latest arrival). Requests that could never run are rejected
/// at <see cref="Add"/>, so the scheduler never deadlocks and never drops one.
/// </summary>
public sealed partial class Scheduler
{
    private readonly SchedulerOptions _options;
    private readonly KvCacheManager _kv;
    private readonly KvCacheManager _host;
    private readonly Dictionary<int, SequenceState> _states = [];
    private readonly WaitingQueue _waiting = new();
    private long _waitingBlocks;
    // Running requests in age order, and beside each its slot in _set (the walk of a step reads only the slots).
    private readonly List<SequenceState> _running = [];
    private readonly List<int> _runningSlots = [];
    private readonly RunningSet _set = new();
    private readonly List<SequenceState> _later = [];
    private readonly List<SequenceState> _swapped = [];
    private readonly StepDraft _draft = new();
    private ScheduledBatch? _inFlight;

    // The running slots of the batch last built, in the batch's order, so Update finds each without a lookup by id.
    private int[] _draftSlots = [];
    private int[] _inFlightSlots = [];
    private readonly List<SequenceState> _leaving = [];
    private long _step;

    // Buffers of ReusesStepBuffers: the step's sequences and what Update reports.
    private ScheduledSequence[] _sequences = [];
    private readonly List<EmittedToken> _emitted = [];
    private readonly List<int> _finished = [];
    private readonly List<int> _handedOff = [];
    private readonly List<(TimelineRecorder? Recorder, int[] Tokens)> _emittedRecorders = [];
    private readonly List<TimelineRecorder?> _finishedRecorders = [];

    /// <summary>Creates a scheduler with an empty KV cache.</summary>
    public Scheduler(SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var batching = options.Batching;
        ArgumentOutOfRangeException.ThrowIfLessThan(batching.MaxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batching.MaxBatchedTokens, 1);
        var watermark = (int)Math.Floor(options.KvBlocks * options.WatermarkFraction);
        _kv = new KvCacheManager(options.KvBlocks, batching.KvBlockSize, watermark);
        _host = new KvCacheManager(options.HostBlocks ?? options.KvBlocks, batching.KvBlockSize);
    }

    /// <summary>The worker's KV-cache bookkeeping (read it; the scheduler owns it).</summary>
    public KvCacheManager Kv => _kv;

    /// <summary>The scheduler's settings.</summary>
    public SchedulerOptions Options => _options;

    /// <summary>Requests waiting to be admitted (new or preempted for recomputation).</summary>
    public int WaitingCount => _waiting.Count;

    /// <summary>Requests admitted and not finished (running, swapped out, handed off or incoming).</summary>
    public int RunningCount => _running.Count;

    /// <summary>Requests the scheduler holds in any state.</summary>
    public int ActiveCount => _states.Count;

    /// <summary>
    /// True when the caller is done with a batch and its update once it has updated it (the serving loop): then one
    /// array of sequences and the update's lists serve every step instead of new ones per step. A batch or update kept
    /// past the next step would change under its holder, so it is off unless the caller asks.
    /// </summary>
    internal bool ReusesStepBuffers { get; set; }

    /// <summary>The recorders of the last update's tokens, in the order of its <see cref="StepUpdate.Tokens"/> (the loop's, by position),
    /// each with its sequence's append-only token array as it is after the token (where the timeline reads its output ids).</summary>
    internal List<(TimelineRecorder? Recorder, int[] Tokens)> EmittedRecorders => _emittedRecorders;

    /// <summary>The recorders of the last update's finished requests, in the order of its <see cref="StepUpdate.Finished"/>.</summary>
    internal List<TimelineRecorder?> FinishedRecorders => _finishedRecorders;

    /// <summary>True when a step was scheduled and <see cref="Update"/> has not been called for it.</summary>
    public bool IsStepInFlight => _inFlight is not null;

    /// <summary>Routing load: KV blocks in use plus those the waiting requests' prompts will need (kept as requests come
    /// and go, so routing a million queued requests stays linear).</summary>
    public int Load => (int)Math.Min(int.MaxValue, _kv.UsedBlocks + _waitingBlocks);

    /// <summary>Checks whether a request could ever run here, without adding it.</summary>
    public AdmissionResult CheckFits(ServingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var batching = _options.Batching;
        if (request.PromptLength < 1 || request.MaxOutputTokens < 1)
        {
            return AdmissionResult.Reject("a request needs at least one prompt token and one output token");
        }
        if (request.TotalTokens > _options.ContextLength)
        {
            return AdmissionResult.Reject(
                $"prompt ({request.PromptLength}) + output ({request.MaxOutputTokens}) tokens exceed the model's context length ({_options.ContextLength})");
        }
        // A prefill-only worker holds the prompt; anyone else holds the whole sequence at its longest.
        var tokens = _options.PrefillOnly ? request.PromptLength : request.TotalTokens;
        if (_kv.BlocksFor(tokens) > _kv.Capacity)
        {
            return AdmissionResult.Reject(
                $"needs {_kv.BlocksFor(tokens)} KV blocks ({tokens} tokens) but the worker's whole cache has {_kv.Capacity}");
        }
        if (batching.Policy != BatchingPolicy.Chunked && request.PromptLength > batching.MaxBatchedTokens)
        {
            return AdmissionResult.Reject(
                $"prompt of {request.PromptLength} tokens exceeds max_batched_tokens ({batching.MaxBatchedTokens}) and prefill is not chunked");
        }
        return AdmissionResult.Accept;
    }

    /// <summary>Queues a request, or rejects it with a reason when it could never run.</summary>
    public AdmissionResult Add(ServingRequest request) => AddRecorded(request, null);

    /// <summary>The loop's form of <see cref="Add"/>: the request's state carries its recorder.</summary>
    internal AdmissionResult AddRecorded(ServingRequest request, TimelineRecorder? recorder)
    {
        var admission = CheckFits(request);
        if (admission.Accepted)
        {
            if (_states.ContainsKey(request.Id))
            {
                throw new InvalidOperationException($"Request {request.Id} was added twice.");
            }
            var state = new SequenceState(request) { Recorder = recorder };
            _states[request.Id] = state;
            EnqueueWaiting(state, first: false);
        }
        return admission;
    }

    /// <summary>Queues a waiting request (at the front for a preempted one); its tokens do not change while it waits.</summary>
    private void EnqueueWaiting(SequenceState state, bool first)
    {
        if (first) _waiting.AddFirst(state);
        else _waiting.AddLast(state);
        _waitingBlocks += _kv.BlocksFor(state.TokenCount);
    }

    /// <summary>Takes the oldest waiting request out of the queue.</summary>
    private void DequeueWaiting()
    {
        var state = _waiting.First!;
        _waiting.RemoveFirst();
        _waitingBlocks -= _kv.BlocksFor(state.TokenCount);
    }

    /// <summary>Decides the next step. Call <see cref="Update"/> before scheduling again (unless the batch is empty).</summary>
    public ScheduledBatch Schedule(double now)
    {
        if (_inFlight is not null)
        {
            throw new InvalidOperationException("The previous step has not been updated.");
        }
        var batch = _options.Batching.Policy == BatchingPolicy.Static ? ScheduleStatic(now) : ScheduleContinuous();
        if (!batch.IsEmpty)
        {
            _inFlight = batch;
            _inFlightSlots = _draftSlots;
            _step++;
        }
        return batch;
    }

    /// <summary>Applies what the in-flight step sampled: appends tokens, finishes and hands off requests.</summary>
    public StepUpdate Update(StepOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var batch = _inFlight ?? throw new InvalidOperationException("No step is in flight.");
        _inFlight = null;
        var tokens = ReusesStepBuffers ? _emitted : new List<EmittedToken>(batch.Sequences.Count);
        var finished = ReusesStepBuffers ? _finished : new List<int>();
        var handedOff = ReusesStepBuffers ? _handedOff : new List<int>();
        tokens.Clear();
        finished.Clear();
        handedOff.Clear();
        _emittedRecorders.Clear();
        _finishedRecorders.Clear();
        var contiguous = ScheduledBatch.Contiguous(batch.Sequences);
        var sequences = contiguous.AsSpan();
        // The cost model's tokens are a hash of each sequence of this very batch: read them off it, not through the dictionary.
        var simulated = outcome.SampledTokens is SampledTokenTable table && table.IsOver(contiguous) ? table : null;
        var set = _set;
        var slots = _inFlightSlots;
        for (var i = 0; i < sequences.Length; i++)
        {
            // The running set's slots only: no sequence's state object is visited unless it finishes.
            ref readonly var scheduled = ref sequences[i];
            var slot = slots[i];
            if (i + TokenPrefetchDistance < sequences.Length) PrefetchTokenSlot(in sequences[i + TokenPrefetchDistance]);
            if (!scheduled.Samples)
            {
                set.Computed[slot] = scheduled.ContextLength;
                continue;
            }
            int token;
            if (simulated is not null)
            {
                token = simulated.TokenOf(in scheduled);
            }
            else if (!outcome.SampledTokens.TryGetValue(scheduled.RequestId, out token))
            {
                throw new InvalidOperationException($"The executor sampled no token for request {scheduled.RequestId}.");
            }
            // Sampling means the step reached the end of the known tokens: the new one goes at ContextLength.
            var known = scheduled.ContextLength;
            // Tested here so the JIT drops its own null check below, which would read the array's header (another cache line).
            var storage = scheduled.TokenStorage ?? throw new InvalidOperationException($"Request {scheduled.RequestId} was scheduled without its token array.");
            var limit = set.Limit[slot];
            if (known < limit)
            {
                // Below the request's whole length, so inside its array (sized for it): no bounds check, no header read.
                Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(storage), known) = token;
                set.Computed[slot] = known;
                set.TokenCount[slot] = known + 1;
            }
            else
            {
                var grown = set.States[slot]!;
                grown.Computed = known;
                grown.Append(token); // past the request's own length: may regrow the array
                storage = grown.Storage();
            }
            var recorder = set.Recorders[slot];
            tokens.Add(new EmittedToken(scheduled.RequestId, token));
            _emittedRecorders.Add((recorder, storage));
            if (known + 1 >= limit)
            {
                var state = set.States[slot]!;
                FreeKv(state);
                _states.Remove(state.Id);
                state.Status = SequenceStatus.Finished;
                finished.Add(state.Id);
                _finishedRecorders.Add(recorder);
                _leaving.Add(state);
            }
            else if (_options.PrefillOnly)
            {
                var state = set.States[slot]!;
                state.Status = SequenceStatus.HandedOff;
                handedOff.Add(state.Id);
                _leaving.Add(state);
            }
        }
        LeaveRunning(_leaving);
        return new StepUpdate(tokens, finished, handedOff);
    }

    private const int TokenPrefetchDistance = 8;

    /// <summary>
    /// Asks the cache for the line a sampling sequence's next token will be stored in, a few sequences ahead: every
    /// sequence's array is elsewhere in memory and the store missed the cache for nearly every one (the largest share of a
    /// step's update); fetched ahead, the misses overlap instead of queueing one after another.
    /// </summary>
    private static void PrefetchTokenSlot(in ScheduledSequence sequence)
    {
        if (sequence.Samples && sequence.TokenStorage is { } storage) CachePrefetch.Element(storage, sequence.ContextLength);
    }
}
