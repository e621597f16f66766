namespace Pipeline.Engine;

/// <summary>
/// One sequence's tokens for a <see cref="TransformerModel.Forward"/> call.
/// </summary>
/// <param name="Tokens">The new tokens, at positions <c>StartPosition ..</c>.</param>
/// <param name="StartPosition">Position of the first new token (the number of tokens already in the cache).</param>
/// <param name="BlockTable">KV-cache blocks of the sequence, in position order; must cover <c>StartPosition + Tokens.Count</c>.</param>
/// <param name="WantLogits">True to get the logits of the chunk's last position back.</param>
public sealed record SequenceChunk(IReadOnlyList<int> Tokens, int StartPosition, IReadOnlyList<int> BlockTable, bool WantLogits);
