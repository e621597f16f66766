using System.Diagnostics.CodeAnalysis;
using Pipeline.Serving.Accounting;
using Pipeline.Serving.Workload;

namespace Pipeline.Serving.LoadGeneration;

/// <summary>
/// Issues a run's queries the way one of MLPerf LoadGen's scenarios does, in front of the serving loop: the loop pulls
/// the next query when it can place it on its timeline and reports every query that finishes, so a generator can react
/// to completions (single-stream) as well as follow a schedule (server) or send everything at once (offline). The loop
/// holds at most one pulled query that has not arrived yet, so queries are made as the run reaches them.
/// </summary>
public interface ILoadGenerator
{
    /// <summary>Queries issued so far.</summary>
    int Issued { get; }

    /// <summary>The best estimate of the queries the run will issue, for progress (at least <see cref="Issued"/>).</summary>
    int Expected { get; }

    /// <summary>
    /// The next query, its <see cref="ServingRequest.ArrivalTime"/> at or after <paramref name="now"/>; false when the
    /// next query waits for a completion (<see cref="OnFinished"/> will be called first) or none is left.
    /// </summary>
    bool TryNext(double now, [MaybeNullWhen(false)] out ServingRequest request);

    /// <summary>A query issued earlier finished (completed or rejected) at <paramref name="now"/>.</summary>
    void OnFinished(RequestTimeline timeline, double now);
}
