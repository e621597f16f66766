namespace Pipeline.Engine;

/// <summary>What <see cref="TextGenerator.Generate"/> produced.</summary>
/// <param name="Tokens">The generated tokens (not including the prompt).</param>
/// <param name="ArgMax">Per generated step, the most likely token (equals <paramref name="Tokens"/> for greedy sampling).</param>
/// <param name="Logits">Per generated step, the logits it was sampled from, when requested; otherwise empty.</param>
/// <param name="PrefillSeconds">Wall time of the prompt's forward pass (first token included).</param>
/// <param name="DecodeSeconds">Wall time of all later decode steps.</param>
public sealed record GenerationResult(
    IReadOnlyList<int> Tokens,
    IReadOnlyList<int> ArgMax,
    IReadOnlyList<float[]> Logits,
    double PrefillSeconds,
    double DecodeSeconds)
{
    /// <summary>Decode steps per second (tokens after the first / decode time), or 0 when nothing was decoded.</summary>
    public double DecodeTokensPerSecond => Tokens.Count > 1 && DecodeSeconds > 0 ? (Tokens.Count - 1) / DecodeSeconds : 0;
}
