using System.Runtime.CompilerServices;

namespace Pipeline.Serving.Internal;

/// <summary>
/// The counters of one scheduler's running sequences as parallel arrays, one slot per sequence (struct of arrays): a
/// step's walk, its batch and its update read and write a few kilobytes per worker instead of visiting each sequence's
/// state object, which with hundreds running per worker and eight workers no longer stays in the cache between a
/// worker's steps. A slot is taken when a sequence starts running and given back when it stops; meanwhile the slot
/// holds its <see cref="SequenceState.Computed"/> and <see cref="SequenceState.TokenCount"/> (the state reads and writes
/// them here) and copies of what a step reads (id, lengths, KV blocks, token array, recorder).
/// </summary>
internal sealed class RunningSet
{
    private int[] _free = [];
    private int _freeCount;

    public int[] Computed { get; private set; } = [];

    public int[] TokenCount { get; private set; } = [];

    public int[] PromptLength { get; private set; } = [];

    /// <summary>The request's whole length, prompt plus output: it finishes when it knows this many tokens.</summary>
    public int[] Limit { get; private set; } = [];

    public int[] Ids { get; private set; } = [];

    /// <summary>The request's arrival time: with <see cref="Ids"/>, its age (the running list's order).</summary>
    public double[] Arrival { get; private set; } = [];

    public int[] KvBlockCount { get; private set; } = [];

    public int[]?[] KvBlocks { get; private set; } = [];

    /// <summary>The sequence's append-only token array (null until it is first scheduled).</summary>
    public int[]?[] Tokens { get; private set; } = [];

    public SequenceState?[] States { get; private set; } = [];

    public TimelineRecorder?[] Recorders { get; private set; } = [];

    /// <summary>True when the sequence in <paramref name="slot"/> decodes: it has output and one token not yet computed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsDecoding(int slot) => TokenCount[slot] > PromptLength[slot] && TokenCount[slot] - Computed[slot] == 1;

    /// <summary>A free slot, the arrays grown when none is left.</summary>
    public int Take()
    {
        if (_freeCount == 0) Grow();
        return _free[--_freeCount];
    }

    /// <summary>Gives a slot back, dropping its references.</summary>
    public void Release(int slot)
    {
        KvBlocks[slot] = null;
        Tokens[slot] = null;
        States[slot] = null;
        Recorders[slot] = null;
        _free[_freeCount++] = slot;
    }

    private void Grow()
    {
        var old = Computed.Length;
        var size = Math.Max(16, 2 * old);
        Computed = Resized(Computed, size);
        TokenCount = Resized(TokenCount, size);
        PromptLength = Resized(PromptLength, size);
        Limit = Resized(Limit, size);
        Ids = Resized(Ids, size);
        Arrival = Resized(Arrival, size);
        KvBlockCount = Resized(KvBlockCount, size);
        KvBlocks = Resized(KvBlocks, size);
        Tokens = Resized(Tokens, size);
        States = Resized(States, size);
        Recorders = Resized(Recorders, size);
        _free = Resized(_free, size);
        // Lowest slots first, so a worker's running sequences stay packed at the start of the arrays.
        for (var slot = size - 1; slot >= old; slot--) _free[_freeCount++] = slot;
    }

    private static T[] Resized<T>(T[] array, int size)
    {
        Array.Resize(ref array, size);
        return array;
    }
}
