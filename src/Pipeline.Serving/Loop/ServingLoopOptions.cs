using Pipeline.Serving.Observation;

namespace Pipeline.Serving.Loop;

/// <summary>Hooks of one run of the event loop.</summary>
/// <param name="Progress">Called when a request completes or is rejected.</param>
/// <param name="StopReason">
/// Polled between events; a non-null answer stops the run gracefully: every unfinished request is rejected
/// with that reason (so arrived = completed + rejected still holds) and <see cref="ServingRun.AbortReason"/> is set.
/// </param>
/// <param name="Observers">Receive every step, KV transfer and finished timeline as the run goes (reports stream from these).</param>
/// <param name="KeepTimelines">
/// When false, finished timelines go to the observers only and <see cref="ServingRun.Timelines"/> is empty, so a
/// run's memory grows with the requests in flight, not with its length.
/// </param>
/// <param name="RecordSteps">
/// When false, timelines carry no <see cref="Accounting.RequestTimeline.Steps"/> (the metrics never read them; observers
/// still get every step through <see cref="IServingObserver.OnStep"/>): a request in flight then holds a few bytes per
/// token instead of a step record per token.
/// </param>
public sealed record ServingLoopOptions(
    Action<ServingProgress>? Progress = null,
    Func<string?>? StopReason = null,
    IReadOnlyList<IServingObserver>? Observers = null,
    bool KeepTimelines = true,
    bool RecordSteps = true)
{
    /// <summary>No hooks.</summary>
    public static ServingLoopOptions None { get; } = new();
}
