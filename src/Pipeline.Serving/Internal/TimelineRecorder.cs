using Pipeline.Serving.Accounting;
using Pipeline.Serving.Scheduling;
using Pipeline.Serving.Workload;

namespace Pipeline.Serving.Internal;

/// <summary>Collects one request's events during a run, then freezes them into a <see cref="RequestTimeline"/>.</summary>
/// <remarks>
/// A queued request (an Offline run queues every query at once) holds only this object: its lists are made when the
/// request first runs (steps, token times and ids, sized once for its output) or when something first happens to it
/// (a preemption, a second worker), and the first worker is a field.
/// </remarks>
internal sealed class TimelineRecorder(ServingRequest request, bool recordSteps = true)
{
    private List<StepEntry>? _steps;
    private List<double>? _tokenTimes;
    private List<int>? _tokens;
    private List<double>? _preemptions;
    private int _firstWorker = -1;
    private List<int>? _moreWorkers;
    private double _transferStart = double.NaN;
    private double _transferEnd = double.NaN;

    public ServingRequest Request { get; } = request;

    public RequestStatus? Status { get; private set; }

    public string? Reason { get; private set; }

    public double End { get; private set; }

    public IReadOnlyList<int> Tokens => (IReadOnlyList<int>?)_tokens ?? [];

    public bool IsDone => Status is not null;

    public void Routed(int worker)
    {
        if (_firstWorker < 0) _firstWorker = worker;
        else (_moreWorkers ??= []).Add(worker);
    }

    public void Step(int worker, long step, double start, double end, SequencePhase phase, int tokens)
    {
        if (_tokenTimes is null)
        {
            // Running from now on: room for a step and a token per output token, so the lists do not regrow step by step.
            var capacity = Math.Min(Request.MaxOutputTokens, 4096);
            if (recordSteps) _steps = new List<StepEntry>(capacity + 4); // a few prefill chunks besides
            _tokenTimes = new List<double>(capacity);
            _tokens = new List<int>(capacity);
        }
        _steps?.Add(new StepEntry(worker, step, start, end, phase, tokens));
    }

    public void Token(double time, int token)
    {
        _tokenTimes!.Add(time);
        _tokens!.Add(token);
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
        Reason, End, _steps is null ? [] : new StepList(_steps), (IReadOnlyList<double>?)_tokenTimes ?? [], Tokens,
        _preemptions?.ToArray() ?? [],
        double.IsNaN(_transferStart) ? null : _transferStart, double.IsNaN(_transferEnd) ? null : _transferEnd,
        Workers());

    private int[] Workers()
    {
        if (_firstWorker < 0) return [];
        var workers = new int[1 + (_moreWorkers?.Count ?? 0)];
        workers[0] = _firstWorker;
        _moreWorkers?.CopyTo(workers, 1);
        return workers;
    }
}
