using System.Collections;

namespace Pipeline.Serving.Internal;

/// <summary>
/// A prompt of seeded random token ids that are drawn when first read: until then it holds a checkpoint of the
/// generator's state that neighbouring prompts share and how many draws past it its tokens begin (a few bytes, whatever
/// its length), so queued requests (an Offline run issues every query at once) cost memory by their number, not their
/// prompts. Once read, the tokens are kept; they are the ones the generator would have drawn in order.
/// </summary>
/// <param name="checkpoint">The token stream's checkpoint at or before this prompt's tokens (shared).</param>
/// <param name="offset">Draws from <paramref name="checkpoint"/> to this prompt's first token.</param>
/// <param name="count">Prompt length.</param>
/// <param name="vocabulary">Token ids are drawn from <c>[0, vocabulary)</c>.</param>
internal sealed class SeededPrompt(PromptCheckpoint checkpoint, int offset, int count, int vocabulary) : IReadOnlyList<int>
{
    private PromptCheckpoint? _checkpoint = checkpoint;
    private int[]? _tokens;

    public int Count => count;

    public int this[int index] => Tokens[index];

    /// <summary>The token ids (drawn on first use).</summary>
    public int[] Tokens
    {
        get
        {
            if (_tokens is null)
            {
                var tokens = new int[count];
                _checkpoint!.Draw(offset, tokens, vocabulary);
                _tokens = tokens;
                _checkpoint = null;
            }
            return _tokens;
        }
    }

    /// <summary>Writes the ids to the start of <paramref name="destination"/>; drawn straight there when not read before.</summary>
    public void CopyTo(int[] destination)
    {
        if (_tokens is { } tokens)
        {
            Array.Copy(tokens, destination, count);
            return;
        }
        _checkpoint!.Draw(offset, destination.AsSpan(0, count), vocabulary);
    }

    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)Tokens).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
