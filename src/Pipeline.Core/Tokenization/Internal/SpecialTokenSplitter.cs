namespace Pipeline.Core.Tokenization.Internal;

/// <summary>
/// Splits text around special tokens before the model's own splitting, as llama.cpp's <c>tokenizer_st_partition</c>:
/// special tokens longest first, each cutting every remaining text fragment at its non-overlapping occurrences
/// (left to right). User-defined tokens always split; control and unknown tokens only when special tokens are parsed.
/// </summary>
internal sealed class SpecialTokenSplitter
{
    private readonly (int Id, string Text, bool AlwaysSplit)[] _specials;

    public SpecialTokenSplitter(IReadOnlyList<string> tokens, IReadOnlyList<TokenType> types)
    {
        var specials = new List<(int, string, bool)>();
        for (var id = 0; id < tokens.Count; id++)
        {
            if (types[id] is TokenType.Control or TokenType.UserDefined or TokenType.Unknown) specials.Add((id, tokens[id], types[id] == TokenType.UserDefined));
        }
        // Longest first; ties keep id order (llama.cpp's std::sort leaves ties unspecified; they only matter for equal-length overlaps).
        _specials = [.. specials.OrderByDescending(s => s.Item2.Length)];
    }

    /// <summary>The fragments of <paramref name="text"/>: text (Id null) or a special token (Text null).</summary>
    public List<(string? Text, int? Id)> Split(string text, bool parseSpecial)
    {
        var fragments = new List<(string? Text, int? Id)>();
        if (text.Length == 0) return fragments;
        fragments.Add((text, null));
        foreach (var (id, special, alwaysSplit) in _specials)
        {
            if (!parseSpecial && !alwaysSplit) continue;
            for (var i = 0; i < fragments.Count; i++)
            {
                if (fragments[i].Text is not { } raw) continue;
                var at = raw.IndexOf(special, StringComparison.Ordinal);
                if (at < 0) continue;
                var pieces = new List<(string?, int?)>();
                var start = 0;
                while (at >= 0)
                {
                    if (at > start) pieces.Add((raw[start..at], null));
                    pieces.Add((null, id));
                    start = at + special.Length;
                    at = raw.IndexOf(special, start, StringComparison.Ordinal);
                }
                if (start < raw.Length) pieces.Add((raw[start..], null));
                fragments.RemoveAt(i);
                fragments.InsertRange(i, pieces);
                i += pieces.Count - 1;
            }
        }
        return fragments;
    }
}
