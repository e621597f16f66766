using System.Runtime.CompilerServices;
using Pipeline.Serving.Internal;

namespace Pipeline.Serving.Scheduling;

/// <summary>
/// One sequence's share of a step: feed <see cref="Tokens"/> at positions
/// <c>StartPosition .. StartPosition + TokenCount - 1</c>, writing their KV through <see cref="BlockTable"/>.
/// </summary>
/// <remarks>
/// A value, so a step of hundreds of sequences is one array rather than an object each. The scheduler makes it over
/// its own append-only storage (the sequence's tokens, its block table) and the read-only lists are made only when
/// someone reads them: a simulated step never does, so it allocates nothing per sequence.
/// </remarks>
public readonly record struct ScheduledSequence
{
    private readonly IReadOnlyList<int> _tokens;
    private readonly IReadOnlyList<int> _blocks;
    private readonly int _blockCount;
    private readonly byte _phase;
    private readonly byte _flags; // Sampling | TokensInStorage | BlocksInStorage: 40 bytes a sequence, not 48

    private const byte Sampling = 1, TokensInStorage = 2, BlocksInStorage = 4;

    /// <summary>A sequence's share of a step, over lists the caller made.</summary>
    /// <param name="requestId">The request.</param>
    /// <param name="phase">Prefill (or chunk, or recomputation) or decode.</param>
    /// <param name="startPosition">Position of the first token fed.</param>
    /// <param name="tokens">Token ids fed this step.</param>
    /// <param name="blockTable">The sequence's KV blocks, covering every position up to the last one fed.</param>
    /// <param name="samples">True when this step reaches the end of the known tokens, so a token must be sampled.</param>
    public ScheduledSequence(int requestId, SequencePhase phase, int startPosition, IReadOnlyList<int> tokens, IReadOnlyList<int> blockTable, bool samples)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(blockTable);
        (RequestId, _phase, StartPosition, _flags) = (requestId, (byte)phase, startPosition, samples ? Sampling : (byte)0);
        (_tokens, TokenCount, _blocks, _blockCount) = (tokens, tokens.Count, blockTable, blockTable.Count);
    }

    /// <summary>The scheduler's form: the <paramref name="tokenCount"/> tokens <c>tokenStorage[startPosition ..]</c> and the first <paramref name="blockCount"/> blocks of <paramref name="blockStorage"/>, arrays only ever appended to.</summary>
    internal ScheduledSequence(int requestId, SequencePhase phase, int startPosition, int[] tokenStorage, int tokenCount, int[] blockStorage, int blockCount, bool samples)
    {
        (RequestId, _phase, StartPosition) = (requestId, (byte)phase, startPosition);
        _flags = (byte)((samples ? Sampling : 0) | TokensInStorage | BlocksInStorage);
        (_tokens, TokenCount, _blocks, _blockCount) = (tokenStorage, tokenCount, blockStorage, blockCount);
    }

    /// <summary>The request.</summary>
    public int RequestId { get; }

    /// <summary>Prefill (or chunk, or recomputation) or decode.</summary>
    public SequencePhase Phase => (SequencePhase)_phase;

    /// <summary>Position of the first token fed.</summary>
    public int StartPosition { get; }

    /// <summary>True when this step reaches the end of the known tokens, so a token must be sampled.</summary>
    public bool Samples => (_flags & Sampling) != 0;

    /// <summary>Number of tokens fed.</summary>
    public int TokenCount { get; }

    /// <summary>Context length after the step: <c>StartPosition + TokenCount</c>.</summary>
    public int ContextLength => StartPosition + TokenCount;

    /// <summary>The scheduler's append-only token array of the sequence (prompt, then output), when made over it.</summary>
    /// <remarks>No cast check: the flag says it is the array, and a check would read the array's header, a cache line the
    /// step's update does not otherwise touch.</remarks>
    internal int[]? TokenStorage => (_flags & TokensInStorage) != 0 ? Unsafe.As<int[]>(_tokens) : null;

    /// <summary>Token ids fed this step.</summary>
    public IReadOnlyList<int> Tokens => (_flags & TokensInStorage) == 0 ? _tokens : new ReadOnlySlice((int[])_tokens, StartPosition, TokenCount);

    /// <summary>The sequence's KV blocks, covering every position up to the last one fed.</summary>
    public IReadOnlyList<int> BlockTable => (_flags & BlocksInStorage) == 0 ? _blocks : new ReadOnlySlice((int[])_blocks, 0, _blockCount);
}
