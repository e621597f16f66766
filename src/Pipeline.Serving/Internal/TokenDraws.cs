namespace Pipeline.Serving.Internal;

/// <summary>
/// The draws one token stream's prompts have made, replays included (a deterministic measure of the prompt
/// generator's work), and the lock its checkpoints share: prompts of one stream could be read from several threads.
/// </summary>
internal sealed class TokenDraws
{
    /// <summary>Generator steps taken so far: ids drawn plus draws skipped to reach an offset.</summary>
    public long Count;

    /// <summary>Checkpoints waiting for their state while a chain of them is resolved (reused, under the lock).</summary>
    public Stack<PromptCheckpoint> Chain { get; } = new();
}
