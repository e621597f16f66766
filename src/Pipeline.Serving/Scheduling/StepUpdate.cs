namespace Pipeline.Serving.Scheduling;

/// <summary>A token appended to a request's output.</summary>
public readonly record struct EmittedToken(int RequestId, int Token);

/// <summary>What <see cref="Scheduler.Update"/> changed.</summary>
/// <param name="Tokens">Tokens emitted this step.</param>
/// <param name="Finished">Requests that produced their last token and released their blocks.</param>
/// <param name="HandedOff">Prefill-only workers: requests whose prefill is done; their KV waits to be transferred.</param>
public sealed record StepUpdate(IReadOnlyList<EmittedToken> Tokens, IReadOnlyList<int> Finished, IReadOnlyList<int> HandedOff);
