namespace Pipeline.Serving.Internal;

/// <summary>
/// A state of the token stream that neighbouring prompts share (one every so many draws). A prompt draws its ids from
/// here: from a cursor left where the last prompt read ended when it reads on from there (schedulers mostly read prompts
/// in arrival order, so no draw is replayed), else from a copy of the state replayed past the draws before it. Locked:
/// prompts of one stream could be read from several threads.
/// </summary>
internal sealed class PromptCheckpoint(SeededTokenRandom origin)
{
    private readonly SeededTokenRandom _origin = origin;
    private SeededTokenRandom? _cursor;
    private int _cursorOffset;

    /// <summary>Draws <paramref name="destination"/>.Length ids starting <paramref name="offset"/> draws after the checkpoint.</summary>
    public void Draw(int offset, Span<int> destination, int vocabulary)
    {
        lock (_origin)
        {
            if (_cursor is null || offset < _cursorOffset)
            {
                _cursor = _origin.Copy();
                _cursorOffset = 0;
            }
            _cursor.Skip(offset - _cursorOffset);
            _cursor.Fill(destination, vocabulary);
            _cursorOffset = offset + destination.Length;
        }
    }
}
