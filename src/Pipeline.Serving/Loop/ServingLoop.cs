using Pipeline.Plans;
using Pipeline.Serving.Accounting;
using Pipeline.Serving.Internal;
using Pipeline.Serving.LoadGeneration;
using Pipeline.Serving.Observation;
using Pipeline.Serving.Scheduling;
using Pipeline.Serving.Workload;

namespace Pipeline.Serving.Loop;

/// <summary>
/// The discrete-event loop that serves a workload on a deployment of workers, in both modes: only the workers'
/// executors differ (predicted step durations, or durations measured around real kernels). Time is the loop's own
/// timeline: an executed step advances it by its measured duration, so workers are modelled as running in
/// parallel even on a machine that runs them one after another, and a run is structurally reproducible.
/// Queries come from an <see cref="ILoadGenerator"/> (LoadGen's scenarios): the loop pulls the next one when the
/// previous has arrived, or when a query finishes and none is waiting to arrive, so requests are made as the run
/// reaches them and a closed-loop generator can issue on completions.
/// Arrivals are routed to the entry pool (prefill pool when disaggregated, else the colocated pool); a
/// disaggregated request's KV moves to a decode worker after its first token. All events at one instant are
/// handled before idle workers schedule, so requests arriving together can share a step. With
/// <see cref="ArrivalGathering"/> the front end holds arrivals and routes them in groups (one worker per group); with
/// <see cref="SharedQueueDispatch"/> nothing routes them: they wait in one queue that entry workers take from as they
/// start steps.
/// At the end every issued request has completed or been rejected (checked).
/// </summary>
public sealed partial class ServingLoop
{
    private readonly IReadOnlyList<ServingWorker> _workers;
    private readonly Router _entry;
    private readonly Router? _decode;
    private readonly ArrivalGatherer? _gatherer;
    private readonly Queue<TimelineRecorder>? _shared;
    private bool _deadlinePending;
    private readonly PriorityQueue<LoopEvent, (double, int, long)> _events = new();
    private readonly Dictionary<int, Queue<(int Request, ServingWorker Source)>> _pendingTransfers = [];
    private readonly List<RequestTimeline> _finished = [];
    private IReadOnlyList<IServingObserver> _observers = [];
    private int _total;
    private int _completed;
    private int _rejected;
    private long _sequence;
    private long _steps;
    private int _done;
    private long _outputTokens;
    private ServingLoopOptions _options = ServingLoopOptions.None;
    private ILoadGenerator? _load;
    private bool _arrivalPending;
    private int _lastIssued = -1;
    private bool _stopping;

    /// <summary>
    /// Creates a loop over workers (indices must be 0..n-1 in order) routed by <paramref name="routing"/>, with
    /// arrivals reaching the entry pool as <paramref name="dispatch"/> says (null: each routed as it comes).
    /// </summary>
    public ServingLoop(IReadOnlyList<ServingWorker> workers, RoutingPolicy routing, ArrivalDispatch? dispatch = null)
    {
        ArgumentNullException.ThrowIfNull(workers);
        if (workers.Count == 0 || workers.Where((w, i) => w.Index != i).Any())
        {
            throw new ArgumentException("Workers must be non-empty and indexed 0..n-1 in order.", nameof(workers));
        }
        _workers = workers;
        foreach (var worker in workers)
        {
            // The loop drops a batch and its update once applied, and the cost model keeps no batch (other executors may).
            worker.Scheduler.ReusesStepBuffers = worker.Executor is Execution.CostModelStepExecutor;
        }
        var prefill = workers.Where(w => w.Role == PoolRole.Prefill).ToArray();
        var decode = workers.Where(w => w.Role == PoolRole.Decode).ToArray();
        if ((prefill.Length == 0) != (decode.Length == 0))
        {
            throw new ArgumentException("A disaggregated deployment needs both a prefill and a decode pool.", nameof(workers));
        }
        _entry = new Router(routing, prefill.Length > 0 ? prefill : workers.Where(w => w.Role == PoolRole.Colocated).ToArray());
        _decode = decode.Length > 0 ? new Router(routing, decode) : null;
        _gatherer = dispatch is ArrivalGathering gathering ? new ArrivalGatherer(gathering) : null;
        _shared = dispatch is SharedQueueDispatch ? new Queue<TimelineRecorder>() : null;
        if (dispatch is not null && _gatherer is null && _shared is null)
        {
            throw new ArgumentException($"Unknown dispatch {dispatch.GetType().Name}.", nameof(dispatch));
        }
        foreach (var worker in decode)
        {
            _pendingTransfers[worker.Index] = new Queue<(int, ServingWorker)>();
        }
    }

    /// <summary>Serves a list of requests (an open loop: each arrives at its own time). A loop instance runs once.</summary>
    public ServingRun Run(IReadOnlyList<ServingRequest> requests, ServingLoopOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(requests);
        return Run(new RequestListLoad(requests), options);
    }

    /// <summary>Serves the queries a load generator issues and returns every issued request's timeline. A loop instance runs once.</summary>
    public ServingRun Run(ILoadGenerator load, ServingLoopOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (_load is not null)
        {
            throw new InvalidOperationException("A serving loop runs once; create a new one.");
        }
        _load = load;
        _options = options ?? ServingLoopOptions.None;
        _observers = _options.Observers ?? [];
        var now = 0.0;
        PullArrival(now);
        string? abort = null;
        while (_events.TryPeek(out _, out var key))
        {
            abort = _options.StopReason?.Invoke();
            if (abort is not null)
            {
                break;
            }
            now = key.Item1;
            while (_events.TryPeek(out _, out var next) && next.Item1 == now)
            {
                Handle(_events.Dequeue(), now);
            }
            StartTransfers(now);
            StartIdleWorkers(now);
        }
        if (abort is not null)
        {
            // A query pulled but not yet arrived never reached the system: it is not counted, as LoadGen counts only issued queries.
            _stopping = true;
            if (_arrivalPending)
            {
                _total--;
            }
            foreach (var recorder in Unfinished())
            {
                Finished(recorder, now, reason: abort);
            }
        }
        return Conclude(now, abort);
    }

    /// <summary>Asks the generator for the next query unless one is already on its way; schedules its arrival.</summary>
    private void PullArrival(double now)
    {
        if (_arrivalPending || !_load!.TryNext(now, out var request))
        {
            return;
        }
        if (!(request.ArrivalTime >= now) || double.IsInfinity(request.ArrivalTime))
        {
            throw new InvalidOperationException($"The load generator issued request {request.Id} at {request.ArrivalTime} s, before the loop's time {now} s.");
        }
        // Ids from a request stream only grow; any other is checked against the requests the workers hold.
        if (request.Id <= _lastIssued && Held(request.Id))
        {
            throw new InvalidOperationException($"The load generator issued request id {request.Id} twice.");
        }
        _lastIssued = Math.Max(_lastIssued, request.Id);
        _total++;
        _arrivalPending = true;
        Push(new ArrivalEvent(request.ArrivalTime, request));
    }

    private ServingRun Conclude(double now, string? abort)
    {
        if (_done < _total)
        {
            var unfinished = Unfinished().Select(r => r.Request.Id).Take(10);
            throw new InvalidOperationException($"The loop stalled with requests unfinished: {string.Join(", ", unfinished)}.");
        }
        if (_completed + _rejected != _total)
        {
            throw new InvalidOperationException($"Accounting broke: {_total} arrived, {_completed} completed, {_rejected} rejected.");
        }
        _finished.Sort((a, b) => a.RequestId.CompareTo(b.RequestId));
        return new ServingRun(_finished, now, _steps, abort);
    }

    private void Handle(LoopEvent e, double now)
    {
        switch (e)
        {
            case ArrivalEvent arrival:
                _arrivalPending = false;
                Arrive(arrival.Request, now);
                PullArrival(now);
                break;
            case StepDoneEvent done:
                StepDone(_workers[done.Worker], done, now);
                break;
            case TransferDoneEvent transfer:
                _workers[transfer.Worker].Scheduler.CompleteIncoming(transfer.RequestId);
                break;
            case GatherDeadlineEvent:
                _deadlinePending = false;
                ReleaseGathered(now);
                break;
            case WakeEvent wake:
                _workers[wake.Worker].WakeAt = null;
                break;
        }
    }

    private void Arrive(ServingRequest request, double now)
    {
        // The recorder lives with the request's scheduler state from here on (no table of every request by id).
        var recorder = new TimelineRecorder(request, _options.RecordSteps);
        var decodeCheck = _decode?.Pool[0].Scheduler.CheckFits(request) ?? AdmissionResult.Accept;
        if (!decodeCheck.Accepted)
        {
            Finished(recorder, now, decodeCheck.Reason);
            return;
        }
        if (_shared is not null)
        {
            _shared.Enqueue(recorder);
            return;
        }
        if (_gatherer is null)
        {
            Route(_entry.Pick(), recorder, now);
            return;
        }
        _gatherer.Add(recorder);
        ReleaseGathered(now);
    }

    /// <summary>Sends every group that is due to the worker the router picks for it; sets the next deadline.</summary>
    private void ReleaseGathered(double now)
    {
        while (_gatherer!.Ready(now))
        {
            var worker = _entry.Pick();
            foreach (var recorder in _gatherer.Take(now))
            {
                Route(worker, recorder, now);
            }
        }
        if (!_deadlinePending && _gatherer.Deadline(now) is { } deadline)
        {
            _deadlinePending = true;
            Push(new GatherDeadlineEvent(deadline));
        }
    }

    /// <summary>An entry worker about to schedule takes the oldest queued arrivals, up to its free request slots.</summary>
    private void TakeShared(ServingWorker worker, double now)
    {
        var slots = worker.Scheduler.Options.Batching.MaxBatch;
        while (worker.Scheduler.ActiveCount < slots && _shared!.TryDequeue(out var recorder))
        {
            Route(worker, recorder, now);
        }
    }

    private void Route(ServingWorker worker, TimelineRecorder recorder, double now)
    {
        var admission = worker.Scheduler.AddRecorded(recorder.Request, recorder);
        if (!admission.Accepted)
        {
            Finished(recorder, now, admission.Reason);
            return;
        }
        recorder.Routed(worker.Index);
    }

    private void Finished(TimelineRecorder recorder, double now, string? reason = null)
    {
        if (reason is null)
        {
            recorder.Complete(now);
        }
        else
        {
            recorder.Reject(now, reason);
        }
        _done++;
        var timeline = recorder.Freeze();
        if (timeline.IsCompleted)
        {
            _completed++;
        }
        else
        {
            _rejected++;
        }
        if (_options.KeepTimelines)
        {
            _finished.Add(timeline);
        }
        foreach (var observer in _observers)
        {
            observer.OnRequestFinished(timeline);
        }
        _load!.OnFinished(timeline, now);
        _options.Progress?.Invoke(new ServingProgress(_done, Math.Max(_total, _load.Expected), _outputTokens, now));
        if (!_stopping)
        {
            PullArrival(now);
        }
    }

    private bool Held(int requestId)
    {
        foreach (var worker in _workers)
        {
            if (worker.Scheduler.Holds(requestId)) return true;
        }
        return (_gatherer?.Holds(requestId) ?? false) || (_shared?.Any(r => r.Request.Id == requestId) ?? false);
    }

    /// <summary>The recorders of every request a worker holds, by id (a request being handed off is held by one worker).</summary>
    private TimelineRecorder[] Unfinished() =>
        _workers.SelectMany(w => w.Scheduler.HeldRecorders()).Concat(_gatherer?.Held ?? []).Concat(_shared ?? []).Distinct().OrderBy(r => r.Request.Id).ToArray();

    private void Push(LoopEvent e) => _events.Enqueue(e, (e.Time, (int)e.Kind, _sequence++));
}
