using Pipeline.Plans;

namespace Pipeline.Serving.Observation;

/// <summary>One step of one worker, as a trace or a utilisation report needs it.</summary>
/// <param name="Worker">The worker's index.</param>
/// <param name="Role">Its pool's role.</param>
/// <param name="Step">The worker's step number.</param>
/// <param name="Start">Seconds when the step started.</param>
/// <param name="End">Seconds when it ended.</param>
/// <param name="PrefillSequences">Sequences that fed prompt tokens (whole prompts, chunks or recomputation).</param>
/// <param name="PrefillTokens">Prompt tokens fed.</param>
/// <param name="DecodeSequences">Sequences that decoded one token.</param>
/// <param name="ContextTokens">Tokens in the KV context of every sequence after the step, summed (attention's reads).</param>
/// <param name="SwappedBlocks">KV blocks swapped out or in by the step.</param>
public sealed record WorkerStepRecord(
    int Worker,
    PoolRole Role,
    long Step,
    double Start,
    double End,
    int PrefillSequences,
    int PrefillTokens,
    int DecodeSequences,
    long ContextTokens,
    int SwappedBlocks)
{
    /// <summary>Sequences in the step.</summary>
    public int BatchSize => PrefillSequences + DecodeSequences;

    /// <summary>Tokens fed through the model in the step.</summary>
    public int Tokens => PrefillTokens + DecodeSequences;

    /// <summary>Seconds the step took.</summary>
    public double Duration => End - Start;
}
