using Pipeline.Serving.Accounting;
using Pipeline.Serving.Scheduling;
using Pipeline.Serving.Workload;

namespace Pipeline.Serving.Internal;

/// <summary>Collects one request's events during a run, then freezes them into a <see cref="RequestTimeline"/>.</summary>
internal sealed class TimelineRecorder(ServingRequest request, bool recordSteps = true)
{
    private bool _started;
    private readonly List<StepEntry> _steps = [];
    private readonly List<double> _tokenTimes = [];
    private readonly List<int> _tokens = [];
    private readonly List<double> _preemptions = [];
    private readonly List<int> _workers = [];
    private double? _transferStart;
    private double? _transferEnd;

    public ServingRequest Request { get; } = request;

    public RequestStatus? Status { get; private set; }

    public string? Reason { get; private set; }

    public double End { get; private set; }

    public IReadOnlyList<int> Tokens => _tokens;

    public bool IsDone => Status is not null;

    public void Routed(int worker) => _workers.Add(worker);

    public void Step(int worker, long step, double start, double end, SequencePhase phase, int tokens)
    {
        if (!_started)
        {
            _started = true;
            // Running from now on: room for a step and a token per output token, so the lists do not regrow step by step.
            var capacity = Math.Min(Request.MaxOutputTokens, 4096);
            if (recordSteps) _steps.Capacity = capacity + 4; // a few prefill chunks besides
            _tokenTimes.Capacity = Math.Max(_tokenTimes.Capacity, capacity);
            _tokens.Capacity = Math.Max(_tokens.Capacity, capacity);
        }
        if (recordSteps) _steps.Add(new StepEntry(worker, step, start, end, phase, tokens));
    }

    public void Token(double time, int token)
    {
        _tokenTimes.Add(time);
        _tokens.Add(token);
    }

    public void Preempted(double time) => _preemptions.Add(time);

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
        Reason, End, new StepList(_steps), _tokenTimes, _tokens, _preemptions.ToArray(),
        _transferStart, _transferEnd, _workers.ToArray());
}
