namespace Pipeline.Plans.Costs.Prediction;

/// <summary>
/// What one batched step carries, split by phase as runtimes split attention into a context (prefill) kernel and a
/// generation (decode) kernel. Built one sequence at a time with <see cref="Add"/>.
/// </summary>
public struct StepShape
{
    /// <summary>Sequences feeding prompt tokens (whole prompts, chunks, recomputation).</summary>
    public int PrefillSequences;

    /// <summary>Prompt tokens fed.</summary>
    public long PrefillTokens;

    /// <summary>Causal (query, key) pairs the prefill sequences score.</summary>
    public long PrefillAttentionPairs;

    /// <summary>KV tokens the prefill sequences read (cached plus new).</summary>
    public long PrefillKvTokens;

    /// <summary>Sequences decoding one token.</summary>
    public int DecodeSequences;

    /// <summary>KV tokens the decode sequences read (each one's whole context).</summary>
    public long DecodeKvTokens;

    /// <summary>
    /// Responses the step streams to the host: sequences that sample a token, counted only when the scenario streams
    /// (<see cref="ScenarioStreaming"/>); each costs <see cref="CostParameters.StreamOverhead"/>.
    /// </summary>
    public int StreamedResponses;

    /// <summary>Tokens through the model.</summary>
    public readonly long Tokens => PrefillTokens + DecodeSequences;

    /// <summary>Sequences in the step.</summary>
    public readonly int Sequences => PrefillSequences + DecodeSequences;

    /// <summary>Adds one sequence running <paramref name="newTokens"/> after <paramref name="cachedTokens"/> cached ones.</summary>
    public void Add(int newTokens, int cachedTokens)
    {
        var pass = PassShape.ForSequence(newTokens, cachedTokens);
        if (newTokens == 1 && cachedTokens > 0)
        {
            DecodeSequences++;
            DecodeKvTokens += pass.KvTokensRead;
            return;
        }
        PrefillSequences++;
        PrefillTokens += newTokens;
        PrefillAttentionPairs += pass.AttentionPairs;
        PrefillKvTokens += pass.KvTokensRead;
    }
}
