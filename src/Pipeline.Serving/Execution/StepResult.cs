namespace Pipeline.Serving.Execution;

/// <summary>What executing one step gave: its duration and the sampled tokens (request id to token id).</summary>
/// <param name="Seconds">Duration of the step (measured or predicted), swaps included.</param>
/// <param name="SampledTokens">A token for each sequence that sampled.</param>
public sealed record StepResult(double Seconds, IReadOnlyDictionary<int, int> SampledTokens);
