namespace Pipeline.Serving.Scheduling;

/// <summary>What a step produced: the token sampled for each sequence whose <see cref="ScheduledSequence.Samples"/> was set.</summary>
public sealed record StepOutcome(IReadOnlyDictionary<int, int> SampledTokens);
