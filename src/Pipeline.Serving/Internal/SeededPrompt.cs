using System.Collections;

namespace Pipeline.Serving.Internal;

/// <summary>
/// A prompt of seeded random token ids that are drawn when first read: until then it holds the generator's state where
/// its tokens begin (a few hundred bytes, whatever its length), so queued requests (an Offline run issues every query
/// at once) cost memory by their number, not their prompts. Once read, the tokens are kept; they are the ones the
/// generator would have drawn in order.
/// </summary>
internal sealed class SeededPrompt(SeededTokenRandom start, int count, int vocabulary) : IReadOnlyList<int>
{
    private SeededTokenRandom? _start = start;
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
                var random = _start!;
                var tokens = new int[count];
                for (var i = 0; i < tokens.Length; i++) tokens[i] = random.Next(vocabulary);
                _tokens = tokens;
                _start = null;
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
        // Draw from a copy of the start state, so the prompt can still be read (and gives the same ids) afterwards.
        var random = _start!.Copy();
        for (var i = 0; i < count; i++) destination[i] = random.Next(vocabulary);
    }

    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)Tokens).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
