using System.Diagnostics.CodeAnalysis;
using Pipeline.Serving.Accounting;
using Pipeline.Serving.Workload;

namespace Pipeline.Serving.LoadGeneration;

/// <summary>
/// LoadGen's SingleStream scenario: one query at a time; the next is issued the moment the previous one finishes,
/// so there is never more than one in flight, and the figure is a latency percentile (p90 of end-to-end latency, as
/// LoadGen's <c>target_latency_percentile</c> for SingleStream). The workload's arrival times are ignored; it ends at
/// the request count, or when a query would be issued after the workload's duration, unless the minimums ask for more:
/// then it goes on until the minimum query count is issued and a query is issued at or after the minimum duration.
/// </summary>
public sealed class SingleStreamLoad : ILoadGenerator
{
    private readonly RequestStream _stream;
    private readonly double? _duration;
    private readonly LoadMinimums _minimums;
    private double? _lastIssue;
    private bool _inFlight;

    /// <summary>Issues the stream's requests one after another.</summary>
    /// <param name="stream">The requests (opened without a time bound: their arrival times are not used).</param>
    /// <param name="duration">No query is issued after this time, if set (unless the minimums ask for more).</param>
    /// <param name="minimums">The benchmark's minimum query count and duration.</param>
    public SingleStreamLoad(RequestStream stream, double? duration, LoadMinimums? minimums = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _duration = duration;
        _minimums = minimums ?? LoadMinimums.None;
    }

    /// <inheritdoc />
    public int Issued => _stream.Count;

    /// <inheritdoc />
    public int Expected => Math.Max(Math.Max(Issued, _minimums.Queries), _stream.Planned ?? Issued + 1);

    /// <inheritdoc />
    public bool TryNext(double now, [MaybeNullWhen(false)] out ServingRequest request)
    {
        request = null;
        if (_inFlight)
        {
            return false;
        }
        ServingRequest? next = null;
        var withinWorkload = !(_duration is { } limit && now > limit) && _stream.TryNext(out next);
        if (!withinWorkload && !(_minimums.Unmet(Issued, _lastIssue) && _stream.TryNext(out next, beyondBounds: true)))
        {
            return false;
        }
        _inFlight = true;
        _lastIssue = now;
        request = next! with { ArrivalTime = now };
        return true;
    }

    /// <inheritdoc />
    public void OnFinished(RequestTimeline timeline, double now) => _inFlight = false;
}
