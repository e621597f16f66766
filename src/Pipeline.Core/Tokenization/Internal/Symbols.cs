using System.Globalization;

namespace Pipeline.Core.Tokenization.Internal;

/// <summary>A linked list of symbols over a word (start, length in UTF-16 units), merged pairwise by the encoders.</summary>
internal sealed class Symbols
{
    public readonly List<int> Start = [];
    public readonly List<int> Length = [];
    public readonly List<int> Prev = [];
    public readonly List<int> Next = [];

    /// <summary>One symbol per Unicode scalar of <paramref name="text"/> (llama.cpp splits into UTF-8 characters).</summary>
    public Symbols(string text)
    {
        var index = 0;
        var offset = 0;
        while (offset < text.Length)
        {
            var length = char.IsHighSurrogate(text[offset]) && offset + 1 < text.Length && char.IsLowSurrogate(text[offset + 1]) ? 2 : 1;
            Start.Add(offset);
            Length.Add(length);
            offset += length;
            Prev.Add(index - 1);
            Next.Add(offset == text.Length ? -1 : index + 1);
            index++;
        }
    }

    public int Count => Start.Count;

    public string Text(string word, int i) => word.Substring(Start[i], Length[i]);

    public string Text(string word, int left, int right) => word.Substring(Start[left], Length[left] + Length[right]);

    /// <summary>Merges <paramref name="right"/> into <paramref name="left"/> and unlinks it.</summary>
    public void Merge(int left, int right)
    {
        Length[left] += Length[right];
        Length[right] = 0;
        Next[left] = Next[right];
        if (Next[right] >= 0) Prev[Next[right]] = left;
    }

    /// <summary>Invariant-culture text for messages.</summary>
    public override string ToString() => Count.ToString(CultureInfo.InvariantCulture);
}
