using System.Diagnostics.CodeAnalysis;
using Pipeline.Plans;
using Pipeline.Serving.Accounting;
using Pipeline.Serving.Workload;

namespace Pipeline.Serving.LoadGeneration;

/// <summary>
/// LoadGen's Offline scenario: every query is issued at time zero (LoadGen sends them as one query of many samples),
/// and the figure is throughput (output tokens and samples per second). The workload's arrival process only decides
/// how many queries there are (its count, or the arrivals a duration would hold); their times are ignored, as
/// warning PL0410 says. Trace rows keep their lengths. When that is fewer than the minimums ask, more are issued, up to
/// the minimum query count and, with a minimum duration, LoadGen's <c>1.1 x min_duration x expected QPS</c>, taking the
/// workload's Poisson rate (or fixed interval) as the expected QPS.
/// </summary>
public sealed class OfflineLoad : ILoadGenerator
{
    private readonly RequestStream _stream;
    private readonly int _target;

    /// <summary>Issues the stream's requests, all at time zero.</summary>
    public OfflineLoad(RequestStream stream, WorkloadPlan workload, LoadMinimums? minimums = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(workload);
        _stream = stream;
        minimums ??= LoadMinimums.None;
        double? expectedQps = workload.Arrivals switch
        {
            PoissonArrivals p => p.Rate,
            FixedIntervalArrivals f => 1 / f.Interval,
            _ => null,
        };
        var forDuration = minimums.Duration is { } duration && expectedQps is { } qps ? Math.Floor(1.1 * duration * qps) : 0; // LoadGen truncates too
        _target = (int)Math.Min(int.MaxValue, Math.Max(minimums.Queries, forDuration));
    }

    /// <inheritdoc />
    public int Issued => _stream.Count;

    /// <inheritdoc />
    public int Expected => Math.Max(Math.Max(Issued, _target), _stream.Planned ?? Issued + 1);

    /// <inheritdoc />
    public bool TryNext(double now, [MaybeNullWhen(false)] out ServingRequest request)
    {
        if (!_stream.TryNext(out var next) && !(Issued < _target && _stream.TryNext(out next, beyondBounds: true)))
        {
            request = null;
            return false;
        }
        request = next.ArrivalTime == 0 ? next : next with { ArrivalTime = 0 };
        return true;
    }

    /// <inheritdoc />
    public void OnFinished(RequestTimeline timeline, double now)
    {
    }
}
