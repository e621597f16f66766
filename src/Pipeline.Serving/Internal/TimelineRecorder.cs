using Pipeline.Serving.Accounting;
using Pipeline.Serving.Scheduling;
using Pipeline.Serving.Workload;

namespace Pipeline.Serving.Internal;

/// <summary>Collects one request's events during a run, then freezes them into a <see cref="RequestTimeline"/>.</summary>
/// <remarks>
/// A queued request (an Offline run queues every query at once) holds only this object: its lists are made when the
/// request first runs (steps, token times and ids, sized once for its output) or when something first happens to it
/// (a preemption, a second worker), and the first worker is a field. Output token ids are not copied: they are read from
/// the scheduler's append-only token array (prompt, then output) of the sequence's last step. Token times are runs of the
/// worker's <see cref="StepTimeLog"/>: a decoding request extends its run by one each step, with no per-token store.
/// </remarks>
internal sealed class TimelineRecorder(ServingRequest request, bool recordSteps = true)
{
    private List<StepEntry>? _steps;
    private bool _started;
    private int[]? _storage;
    private int _tokenCount;
    private double[]? _runSegment;
    private int _runStart;
    private int _runCount;
    private List<TimeRun>? _earlierRuns;
    private List<double>? _preemptions;
    private int _firstWorker = -1;
    private List<int>? _moreWorkers;
    private double _transferStart = double.NaN;
    private double _transferEnd = double.NaN;

    public ServingRequest Request { get; } = request;

    public RequestStatus? Status { get; private set; }

    public string? Reason { get; private set; }

    public double End { get; private set; }

    public IReadOnlyList<int> Tokens => _storage is null ? [] : new ReadOnlySlice(_storage, Request.PromptLength, _tokenCount);

    public bool IsDone => Status is not null;

    public void Routed(int worker)
    {
        if (_firstWorker < 0) _firstWorker = worker;
        else (_moreWorkers ??= []).Add(worker);
    }

    public void Step(int worker, long step, double start, double end, SequencePhase phase, int tokens)
    {
        if (!_started)
        {
            // Running from now on: room for a step per output token, so the list does not regrow step by step.
            _started = true;
            if (recordSteps) _steps = new List<StepEntry>(Math.Min(Request.MaxOutputTokens, 4096) + 4); // a few prefill chunks besides
        }
        _steps?.Add(new StepEntry(worker, step, start, end, phase, tokens));
    }

    /// <summary>An output token, sampled by the step whose end the log holds at <paramref name="index"/> of <paramref name="segment"/>.</summary>
    /// <param name="storage">The sequence's token array in the scheduler after the token (its outputs follow the prompt).</param>
    public void Token(double[] segment, int index, int[] storage)
    {
        _storage = storage;
        _tokenCount++;
        if (segment == _runSegment && index == _runStart + _runCount)
        {
            _runCount++;
            return;
        }
        if (_runSegment is not null) (_earlierRuns ??= []).Add(new TimeRun(_runSegment, _runStart, _runCount));
        (_runSegment, _runStart, _runCount) = (segment, index, 1);
    }

    public void Preempted(double time) => (_preemptions ??= []).Add(time);

    public void Transfer(double start, double end)
    {
        _transferStart = start;
        _transferEnd = end;
    }

    public void Complete(double time) => Finish(RequestStatus.Completed, null, time);

    public void Reject(double time, string reason) => Finish(RequestStatus.Rejected, reason, time);

    private void Finish(RequestStatus status, string? reason, double time)
    {
        if (Status is not null)
        {
            throw new InvalidOperationException($"Request {Request.Id} finished twice.");
        }
        Status = status;
        Reason = reason;
        End = time;
    }

    /// <summary>The timeline; it takes the recorder's lists over (no copy), so the recorder is done with once frozen.</summary>
    public RequestTimeline Freeze() => new(
        Request.Id, Request.PromptLength, Request.MaxOutputTokens, Request.ArrivalTime,
        Status ?? throw new InvalidOperationException($"Request {Request.Id} never finished."),
        Reason, End, _steps is null ? [] : new StepList(_steps), TokenTimes(), Tokens,
        _preemptions?.ToArray() ?? [],
        double.IsNaN(_transferStart) ? null : _transferStart, double.IsNaN(_transferEnd) ? null : _transferEnd,
        Workers());

    private IReadOnlyList<double> TokenTimes()
    {
        if (_runSegment is null) return [];
        var last = new TimeRun(_runSegment, _runStart, _runCount);
        if (_earlierRuns is null) return new TokenTimeRuns([last], _tokenCount);
        _earlierRuns.Add(last);
        return new TokenTimeRuns(_earlierRuns.ToArray(), _tokenCount);
    }

    private int[] Workers()
    {
        if (_firstWorker < 0) return [];
        var workers = new int[1 + (_moreWorkers?.Count ?? 0)];
        workers[0] = _firstWorker;
        _moreWorkers?.CopyTo(workers, 1);
        return workers;
    }
}
