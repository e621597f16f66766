using System.Diagnostics.CodeAnalysis;
using Pipeline.Serving.Accounting;
using Pipeline.Serving.Workload;

namespace Pipeline.Serving.LoadGeneration;

/// <summary>
/// An open loop over a list made beforehand (hand-built requests in tests, or <see cref="WorkloadGenerator"/>'s output):
/// each request arrives at its own time; requests with equal times arrive in list order.
/// </summary>
public sealed class RequestListLoad : ILoadGenerator
{
    private readonly ServingRequest[] _requests;
    private int _next;

    /// <summary>Issues the requests in arrival order.</summary>
    public RequestListLoad(IEnumerable<ServingRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        _requests = requests.Select((r, i) => (r, i)).OrderBy(x => x.r.ArrivalTime).ThenBy(x => x.i).Select(x => x.r).ToArray();
    }

    /// <inheritdoc />
    public int Issued => _next;

    /// <inheritdoc />
    public int Expected => _requests.Length;

    /// <inheritdoc />
    public bool TryNext(double now, [MaybeNullWhen(false)] out ServingRequest request)
    {
        if (_next >= _requests.Length)
        {
            request = null;
            return false;
        }
        request = _requests[_next++];
        return true;
    }

    /// <inheritdoc />
    public void OnFinished(RequestTimeline timeline, double now)
    {
    }
}
