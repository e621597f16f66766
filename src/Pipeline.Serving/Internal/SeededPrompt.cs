using System.Collections;

namespace Pipeline.Serving.Internal;

/// <summary>
/// A prompt of seeded random token ids that are drawn when first read: until then it holds a checkpoint of the
/// generator's state that neighbouring prompts share and how many draws past it its tokens begin (a few bytes, whatever
/// its length), so queued requests (an Offline run issues every query at once) cost memory by their number, not their
/// prompts. Once read, the tokens are kept; they are the ones the generator would have drawn in order.
/// </summary>
/// <param name="checkpoint">The generator's state at some point at or before this prompt's tokens; never advanced (shared).</param>
/// <param name="offset">Draws from <paramref name="checkpoint"/> to this prompt's first token.</param>
/// <param name="count">Prompt length.</param>
/// <param name="vocabulary">Token ids are drawn from <c>[0, vocabulary)</c>.</param>
internal sealed class SeededPrompt(SeededTokenRandom checkpoint, int offset, int count, int vocabulary) : IReadOnlyList<int>
{
    private SeededTokenRandom? _checkpoint = checkpoint;
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
                var random = Start();
                var tokens = new int[count];
                for (var i = 0; i < tokens.Length; i++) tokens[i] = random.Next(vocabulary);
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
        var random = Start();
        for (var i = 0; i < count; i++) destination[i] = random.Next(vocabulary);
    }

    /// <summary>A generator at this prompt's first token: a copy of the checkpoint replayed past the draws before it.</summary>
    private SeededTokenRandom Start()
    {
        var random = _checkpoint!.Copy();
        random.Skip(offset);
        return random;
    }

    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)Tokens).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
