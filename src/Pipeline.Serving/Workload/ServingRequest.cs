namespace Pipeline.Serving.Workload;

/// <summary>
/// One request of a workload: when it arrives, the prompt's actual token ids (seeded random or from a trace),
/// and how many tokens it generates. Generation ignores end-of-sequence tokens and always produces exactly
/// <see cref="MaxOutputTokens"/> tokens (as benchmark clients such as vLLM's <c>benchmark_serving</c> do).
/// </summary>
/// <param name="Id">Request id, unique within a run (0, 1, ... in arrival order).</param>
/// <param name="ArrivalTime">Seconds since the start of the run.</param>
/// <param name="PromptTokens">Token ids of the prompt.</param>
/// <param name="MaxOutputTokens">Tokens to generate (at least 1).</param>
public sealed record ServingRequest(int Id, double ArrivalTime, IReadOnlyList<int> PromptTokens, int MaxOutputTokens)
{
    /// <summary>Number of prompt tokens.</summary>
    public int PromptLength => PromptTokens.Count;

    /// <summary>Prompt plus output: the longest the sequence gets.</summary>
    public int TotalTokens => PromptTokens.Count + MaxOutputTokens;
}
