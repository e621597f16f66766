namespace Pipeline.Serving.Scheduling;

/// <summary>
/// One sequence's share of a step (a value: a step of hundreds of sequences is one array, not an object each): feed <see cref="Tokens"/> at positions
/// <c>StartPosition .. StartPosition + Tokens.Count - 1</c>, writing their KV through <see cref="BlockTable"/>.
/// </summary>
/// <param name="RequestId">The request.</param>
/// <param name="Phase">Prefill (or chunk, or recomputation) or decode.</param>
/// <param name="StartPosition">Position of the first token fed.</param>
/// <param name="Tokens">Token ids fed this step.</param>
/// <param name="BlockTable">The sequence's KV blocks, covering every position up to the last one fed.</param>
/// <param name="Samples">True when this step reaches the end of the known tokens, so a token must be sampled.</param>
public readonly record struct ScheduledSequence(
    int RequestId,
    SequencePhase Phase,
    int StartPosition,
    IReadOnlyList<int> Tokens,
    IReadOnlyList<int> BlockTable,
    bool Samples)
{
    /// <summary>Number of tokens fed.</summary>
    public int TokenCount => Tokens.Count;

    /// <summary>Context length after the step: <c>StartPosition + TokenCount</c>.</summary>
    public int ContextLength => StartPosition + Tokens.Count;
}
