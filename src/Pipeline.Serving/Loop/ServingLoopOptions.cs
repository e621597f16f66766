namespace Pipeline.Serving.Loop;

/// <summary>Hooks of one run of the event loop.</summary>
/// <param name="Progress">Called when a request completes or is rejected.</param>
/// <param name="StopReason">
/// Polled between events; a non-null answer stops the run gracefully: every unfinished request is rejected
/// with that reason (so arrived = completed + rejected still holds) and <see cref="ServingRun.AbortReason"/> is set.
/// </param>
public sealed record ServingLoopOptions(Action<ServingProgress>? Progress = null, Func<string?>? StopReason = null)
{
    /// <summary>No hooks.</summary>
    public static ServingLoopOptions None { get; } = new();
}
