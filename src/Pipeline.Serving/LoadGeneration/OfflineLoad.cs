using System.Diagnostics.CodeAnalysis;
using Pipeline.Serving.Accounting;
using Pipeline.Serving.Workload;

namespace Pipeline.Serving.LoadGeneration;

/// <summary>
/// LoadGen's Offline scenario: every query is issued at time zero (LoadGen sends them as one query of many samples),
/// and the figure is throughput (output tokens and samples per second). The workload's arrival process only decides
/// how many queries there are (its count, or the arrivals a duration would hold); their times are ignored, as
/// warning PL0410 says. Trace rows keep their lengths.
/// </summary>
public sealed class OfflineLoad(RequestStream stream) : ILoadGenerator
{
    private readonly RequestStream _stream = stream ?? throw new ArgumentNullException(nameof(stream));

    /// <inheritdoc />
    public int Issued => _stream.Count;

    /// <inheritdoc />
    public int Expected => Math.Max(Issued, _stream.Planned ?? Issued + 1);

    /// <inheritdoc />
    public bool TryNext(double now, [MaybeNullWhen(false)] out ServingRequest request)
    {
        if (!_stream.TryNext(out var next))
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
