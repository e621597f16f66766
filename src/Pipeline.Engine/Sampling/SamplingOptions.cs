namespace Pipeline.Engine;

/// <summary>
/// How the next token is chosen from logits. <c>Temperature &lt;= 0</c> means greedy (argmax);
/// <c>TopK &lt;= 0</c> disables top-k; <c>TopP &gt;= 1</c> disables nucleus sampling.
/// </summary>
/// <param name="Temperature">Softmax temperature; 0 for greedy.</param>
/// <param name="TopK">Keep only the K most likely tokens (0 = all).</param>
/// <param name="TopP">Keep the smallest set of tokens whose probability reaches P (1 = all).</param>
/// <param name="Seed">Seed of the sampler's random stream (same seed, same tokens).</param>
public sealed record SamplingOptions(float Temperature, int TopK, float TopP, int Seed)
{
    /// <summary>Greedy decoding (always the most likely token).</summary>
    public static SamplingOptions Greedy { get; } = new(0f, 0, 1f, 0);

    /// <summary>True when the options select argmax.</summary>
    public bool IsGreedy => Temperature <= 0f;
}
