namespace Pipeline.Kernels;

/// <summary>
/// One sequence's part of an attention call. Its <see cref="QueryCount"/> query rows start at row
/// <see cref="QueryRow"/> of the packed Q (and output) tensor and sit at positions
/// <c>ContextLength - QueryCount .. ContextLength - 1</c>; each attends causally to positions up to its own,
/// read from the KV cache through <see cref="BlockTable"/> (their own K/V must already be appended).
/// Decode is the case <c>QueryCount == 1</c>.
/// </summary>
public sealed record AttentionSequence(int QueryRow, int QueryCount, int ContextLength, IReadOnlyList<int> BlockTable);
