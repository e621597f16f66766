using Pipeline.Serving.Accounting;

namespace Pipeline.Serving.Loop;

/// <summary>What a run of the event loop produced.</summary>
/// <param name="Timelines">One timeline per request, in request-id order.</param>
/// <param name="EndTime">Time of the last event, seconds.</param>
/// <param name="Steps">Steps executed over all workers.</param>
/// <param name="AbortReason">Why the run stopped early, if it did.</param>
public sealed record ServingRun(IReadOnlyList<RequestTimeline> Timelines, double EndTime, long Steps, string? AbortReason);
