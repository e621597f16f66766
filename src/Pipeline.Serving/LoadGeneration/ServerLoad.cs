using System.Diagnostics.CodeAnalysis;
using Pipeline.Plans;
using Pipeline.Serving.Accounting;
using Pipeline.Serving.Workload;

namespace Pipeline.Serving.LoadGeneration;

/// <summary>
/// LoadGen's Server scenario (and Interactive, which is Server judged against tighter limits): an open loop. Each
/// query arrives at its scheduled time whatever the system is doing: Poisson at the workload's rate, or the workload's
/// fixed intervals or trace. Completions change nothing. When the workload ends before the minimums, arrivals go on
/// until the run has issued the minimum query count and a query at or after the minimum duration.
/// </summary>
public sealed class ServerLoad : ILoadGenerator
{
    private readonly RequestStream _stream;
    private readonly WorkloadPlan _workload;
    private readonly LoadMinimums _minimums;
    private double? _lastArrival;

    /// <summary>Issues the stream's requests at their own arrival times.</summary>
    public ServerLoad(RequestStream stream, WorkloadPlan workload, LoadMinimums? minimums = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(workload);
        _stream = stream;
        _workload = workload;
        _minimums = minimums ?? LoadMinimums.None;
    }

    /// <inheritdoc />
    public int Issued => _stream.Count;

    /// <inheritdoc />
    public int Expected => Math.Max(Math.Max(Issued, _minimums.Queries), _stream.Planned ?? Estimate(_workload));

    /// <inheritdoc />
    public bool TryNext(double now, [MaybeNullWhen(false)] out ServingRequest request)
    {
        var issued = _stream.TryNext(out request) || (_minimums.Unmet(Issued, _lastArrival) && _stream.TryNext(out request, beyondBounds: true));
        if (issued) _lastArrival = request!.ArrivalTime;
        return issued;
    }

    /// <inheritdoc />
    public void OnFinished(RequestTimeline timeline, double now)
    {
    }

    /// <summary>Arrivals expected within a duration-bounded workload: one at time zero, then rate x duration.</summary>
    private static int Estimate(WorkloadPlan workload) => workload.Arrivals switch
    {
        PoissonArrivals p when workload.Duration is { } d => (int)Math.Min(int.MaxValue, Math.Ceiling(p.Rate * d) + 1),
        FixedIntervalArrivals f when workload.Duration is { } d => (int)Math.Min(int.MaxValue, Math.Floor(d / f.Interval) + 1),
        _ => 1,
    };
}
