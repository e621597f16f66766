namespace Pipeline.Serving.Internal;

/// <summary>
/// A state of the token stream that neighbouring prompts share (one every so many draws). A prompt draws its ids from
/// here: from a cursor left where an earlier prompt's read ended when it reads on from there (schedulers mostly read
/// prompts in arrival order, so no draw is replayed), else from a copy of the state replayed past the draws before it.
/// A few cursors are kept, so prompts read slightly out of order (eight workers each take their own next request) do not
/// replay the same draws again and again. Locked: prompts of one stream could be read from several threads.
/// </summary>
internal sealed class PromptCheckpoint(SeededTokenRandom origin)
{
    private const int Cursors = 4;

    private readonly SeededTokenRandom _origin = origin;
    // Made on the first read: a queued prompt's checkpoint costs no cursors (an Offline run queues every query at once).
    private SeededTokenRandom?[] _cursors = [];
    private int[] _cursorOffsets = [];

    /// <summary>Draws <paramref name="destination"/>.Length ids starting <paramref name="offset"/> draws after the checkpoint.</summary>
    public void Draw(int offset, Span<int> destination, int vocabulary)
    {
        lock (_origin)
        {
            if (_cursors.Length == 0) (_cursors, _cursorOffsets) = (new SeededTokenRandom?[Cursors], new int[Cursors]);
            // The cursor closest before the offset; else the one furthest behind (or an unused one) starts over.
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
                _cursors[best] = _origin.Copy();
                _cursorOffsets[best] = 0;
            }
            var cursor = _cursors[best]!;
            cursor.Skip(offset - _cursorOffsets[best]);
            cursor.Fill(destination, vocabulary);
            _cursorOffsets[best] = offset + destination.Length;
        }
    }
}
