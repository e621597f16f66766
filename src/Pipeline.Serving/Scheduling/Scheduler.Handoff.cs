using Pipeline.Serving.Internal;
using Pipeline.Serving.Workload;

namespace Pipeline.Serving.Scheduling;

public sealed partial class Scheduler
{
    /// <summary>Prefill worker: the blocks holding a handed-off request's prompt KV (source of the transfer).</summary>
    public IReadOnlyList<int> HandedOffBlocks(int requestId) => _kv.BlockTable(State(requestId, SequenceStatus.HandedOff).Id);

    /// <summary>Prefill worker: the transfer is done; frees the request's blocks and forgets it.</summary>
    public void ReleaseHandedOff(int requestId)
    {
        var state = State(requestId, SequenceStatus.HandedOff);
        FreeKv(state);
        _states.Remove(state.Id);
        state.Status = SequenceStatus.Finished;
    }

    /// <summary>
    /// Decode worker: reserves blocks for a prefilled request's KV (the transfer's destination), or returns
    /// null when they are not free now or every batch slot is taken (try again after a step). <paramref name="tokens"/>
    /// is the prompt followed by the first output token; the prompt's KV is what arrives.
    /// </summary>
    public IReadOnlyList<int>? TryReserveIncoming(ServingRequest request, IReadOnlyList<int> tokens) => TryReserveRecorded(request, tokens, null);

    /// <summary>The loop's form of <see cref="TryReserveIncoming(ServingRequest, IReadOnlyList{int})"/>: the request keeps its recorder.</summary>
    internal IReadOnlyList<int>? TryReserveRecorded(ServingRequest request, IReadOnlyList<int> tokens, TimelineRecorder? recorder)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tokens);
        if (_states.ContainsKey(request.Id))
        {
            throw new InvalidOperationException($"Request {request.Id} is already on this worker.");
        }
        var incoming = _states.Values.Count(s => s.Status == SequenceStatus.Incoming);
        if (_running.Count + incoming >= _options.Batching.MaxBatch)
        {
            return null; // a transfer is only worth starting when the request can decode as soon as it lands
        }
        var alone = _states.Count == 0;
        if (!_kv.TryGrow(request.Id, request.PromptLength, keepWatermark: !alone))
        {
            return null;
        }
        var state = new SequenceState(request) { Computed = request.PromptLength, Status = SequenceStatus.Incoming, Recorder = recorder };
        state.SeeKv(_kv.Find(request.Id)!);
        for (var i = request.PromptLength; i < tokens.Count; i++) state.Append(tokens[i]);
        _states[request.Id] = state;
        return _kv.BlockTable(request.Id);
    }

    /// <summary>Decode worker: the KV has arrived; the request joins the running decodes.</summary>
    public void CompleteIncoming(int requestId) => AddRunning(State(requestId, SequenceStatus.Incoming));

    private SequenceState State(int requestId, SequenceStatus expected) =>
        _states.TryGetValue(requestId, out var state) && state.Status == expected
            ? state
            : throw new InvalidOperationException($"Request {requestId} is not {expected.ToString().ToLowerInvariant()} on this worker.");
}
