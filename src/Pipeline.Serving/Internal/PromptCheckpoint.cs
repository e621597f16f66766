namespace Pipeline.Serving.Internal;

/// <summary>
/// A state of the token stream that neighbouring prompts share (one every so many draws). A prompt draws its ids from
/// here: from a cursor left where an earlier prompt's read ended when it reads on from there (schedulers mostly read
/// prompts in arrival order, so no draw is replayed), else from a copy of the state replayed past the draws before it.
/// A few cursors are kept, so prompts read slightly out of order (eight workers each take their own next request) do not
/// replay the same draws again and again.
/// <para>
/// Only the stream's first checkpoint is made from a generator. Each later one is made from its predecessor and the
/// draws between them, and takes its state when first read, from the cursor its predecessor's reads left at its end:
/// read in order, every id is drawn once (the stream used to skip each prompt's draws when it made the request and draw
/// them again when it was read). A checkpoint read before its predecessors replays them, oldest first.
/// </para>
/// </summary>
internal sealed class PromptCheckpoint
{
    private const int Cursors = 4;

    private readonly TokenDraws _draws;
    private SeededTokenRandom? _origin;
    // Until the origin is known: the checkpoint before and the draws from its origin to this one's.
    private PromptCheckpoint? _previous;
    private readonly int _previousSpan;
    // Made on the first read: a queued prompt's checkpoint costs no cursors (an Offline run queues every query at once).
    private SeededTokenRandom?[] _cursors = [];
    private int[] _cursorOffsets = [];

    /// <summary>The stream's first checkpoint, at <paramref name="origin"/>'s state.</summary>
    public PromptCheckpoint(SeededTokenRandom origin, TokenDraws draws) => (_origin, _draws) = (origin, draws);

    /// <summary>The checkpoint <paramref name="span"/> draws after <paramref name="previous"/>'s.</summary>
    public PromptCheckpoint(PromptCheckpoint previous, int span) => (_previous, _previousSpan, _draws) = (previous, span, previous._draws);

    /// <summary>Draws <paramref name="destination"/>.Length ids starting <paramref name="offset"/> draws after the checkpoint.</summary>
    public void Draw(int offset, Span<int> destination, int vocabulary)
    {
        lock (_draws)
        {
            var (cursor, slot) = CursorAt(offset);
            cursor.Fill(destination, vocabulary);
            _cursorOffsets[slot] = offset + destination.Length;
            _draws.Count += destination.Length;
        }
    }

    // The cursor closest before the offset, moved to it; else the one furthest behind (or an unused one) starts over.
    // Called under the lock.
    private (SeededTokenRandom Cursor, int Slot) CursorAt(int offset)
    {
        if (_cursors.Length == 0) (_cursors, _cursorOffsets) = (new SeededTokenRandom?[Cursors], new int[Cursors]);
        var best = -1;
        var spare = 0;
        for (var i = 0; i < Cursors; i++)
        {
            if (_cursors[i] is null)
            {
                spare = i;
                continue;
            }
            if (_cursorOffsets[i] <= offset && (best < 0 || _cursorOffsets[i] > _cursorOffsets[best])) best = i;
            if (_cursors[spare] is not null && _cursorOffsets[i] < _cursorOffsets[spare]) spare = i;
        }
        if (best < 0)
        {
            best = spare;
            _cursors[best] = Origin().Copy();
            _cursorOffsets[best] = 0;
        }
        var cursor = _cursors[best]!;
        var skipped = offset - _cursorOffsets[best];
        cursor.Skip(skipped);
        _draws.Count += skipped;
        _cursorOffsets[best] = offset;
        return (cursor, best);
    }

    // Walks back to the nearest checkpoint whose state is known, then forward: each takes a copy of the cursor its
    // predecessor leaves at its end (no recursion: an Offline run can chain a hundred thousand checkpoints).
    private SeededTokenRandom Origin()
    {
        if (_origin is { } known) return known;
        // The chain is usually one long (the predecessor was read first); its stack is the stream's, reused.
        var chain = _draws.Chain;
        for (var c = this; c._origin is null; c = c._previous!) chain.Push(c);
        while (chain.TryPop(out var c))
        {
            c._origin = c._previous!.CursorAt(c._previousSpan).Cursor.Copy();
            c._previous = null;
        }
        return _origin!;
    }
}
