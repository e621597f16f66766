namespace Pipeline.Plans.Costs;

/// <summary>
/// What one forward pass processes, summed over the sequences in it: the counts the operator model needs.
/// </summary>
/// <param name="Tokens">New tokens run through the model (all sequences).</param>
/// <param name="AttentionPairs">(query, key) pairs scored, causally: a chunk of n new tokens after p cached ones scores n*p + n(n+1)/2.</param>
/// <param name="KvTokensRead">Cached tokens whose K and V are read (each sequence's whole context after the pass, read once: a fused, flash-style kernel).</param>
/// <param name="LogitPositions">Positions whose logits are computed (one per sequence: only the last position is sampled).</param>
internal readonly record struct PassShape(long Tokens, long AttentionPairs, long KvTokensRead, long LogitPositions)
{
    /// <summary>One sequence's pass: <paramref name="newTokens"/> tokens after <paramref name="cachedTokens"/> already cached.</summary>
    public static PassShape ForSequence(long newTokens, long cachedTokens) =>
        new(newTokens, newTokens * cachedTokens + newTokens * (newTokens + 1) / 2, cachedTokens + newTokens, 1);

    /// <summary>Two passes fused into one step (weights are still read once).</summary>
    public static PassShape operator +(PassShape a, PassShape b) =>
        new(a.Tokens + b.Tokens, a.AttentionPairs + b.AttentionPairs, a.KvTokensRead + b.KvTokensRead, a.LogitPositions + b.LogitPositions);
}
