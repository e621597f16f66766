namespace Pipeline.Plans.Costs;

/// <summary>One sequence's share of a batched step.</summary>
/// <param name="NewTokens">Tokens it runs this step: a prompt chunk, or 1 for a decode.</param>
/// <param name="CachedTokens">Tokens already in its KV cache before the step.</param>
public readonly record struct SequenceWork(int NewTokens, int CachedTokens);
