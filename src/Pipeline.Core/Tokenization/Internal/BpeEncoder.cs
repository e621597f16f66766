using System.Text.RegularExpressions;

namespace Pipeline.Core.Tokenization.Internal;

/// <summary>
/// Byte-level BPE as llama.cpp's <c>llm_tokenizer_bpe_session</c>: the pre-tokenizer regex cuts text into words, each
/// word's UTF-8 bytes are spelled in GPT-2's byte alphabet, then the adjacent pair with the lowest merge rank is joined
/// (ties: leftmost) until no pair has a merge. Llama 3's pre-tokenizer takes a word that is already a token whole.
/// </summary>
internal sealed class BpeEncoder
{
    // llama.cpp's adapted Llama 3 and GPT-2 expressions. The optional single "other" character before letters also
    // takes a surrogate pair, since llama.cpp matches code points where .NET matches UTF-16 units.
    private const string Other = @"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\r\n\p{L}\p{N}])";
    private static readonly Regex s_llama3 = new(
        @"(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|" + Other + @"?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);
    private static readonly Regex s_gpt2 = new(
        @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private readonly IReadOnlyDictionary<string, int> _ids;
    private readonly Dictionary<(string, string), int> _ranks;
    private readonly Regex _regex;
    private readonly bool _ignoreMerges;

    public BpeEncoder(IReadOnlyDictionary<string, int> ids, IReadOnlyList<string> merges, bool llama3)
    {
        _ids = ids;
        _ranks = new Dictionary<(string, string), int>();
        for (var i = 0; i < merges.Count; i++)
        {
            var space = merges[i].IndexOf(' ', 1);
            _ranks.TryAdd((merges[i][..space], merges[i][(space + 1)..]), i);
        }
        _regex = llama3 ? s_llama3 : s_gpt2;
        _ignoreMerges = llama3;
    }

    public void Encode(string text, List<int> output)
    {
        foreach (var word in Words(text)) EncodeWord(Gpt2Bytes.Encode(word), output);
    }

    /// <summary>The regex's matches and, like llama.cpp's splitter, any text between them as words of their own.</summary>
    private IEnumerable<string> Words(string text)
    {
        var at = 0;
        foreach (Match m in _regex.Matches(text))
        {
            if (m.Length == 0) continue;
            if (m.Index > at) yield return text[at..m.Index];
            yield return m.Value;
            at = m.Index + m.Length;
        }
        if (at < text.Length) yield return text[at..];
    }

    private void EncodeWord(string word, List<int> output)
    {
        if (_ignoreMerges && _ids.TryGetValue(word, out var whole))
        {
            output.Add(whole);
            return;
        }
        var symbols = new Symbols(word);
        var queue = new PriorityQueue<(int Left, int Right, string Text), (int Rank, int Left)>();
        void TryAdd(int left, int right)
        {
            if (left < 0 || right < 0) return;
            var a = symbols.Text(word, left);
            var b = symbols.Text(word, right);
            if (_ranks.TryGetValue((a, b), out var rank)) queue.Enqueue((left, right, a + b), (rank, left));
        }
        for (var i = 1; i < symbols.Count; i++) TryAdd(i - 1, i);
        while (queue.TryDequeue(out var pair, out _))
        {
            var (left, right, joined) = pair;
            if (symbols.Length[left] == 0 || symbols.Length[right] == 0) continue;
            if (symbols.Text(word, left) + symbols.Text(word, right) != joined) continue;
            symbols.Merge(left, right);
            TryAdd(symbols.Prev[left], left);
            TryAdd(left, symbols.Next[left]);
        }
        for (var i = 0; i != -1 && symbols.Count > 0; i = symbols.Next[i])
        {
            var piece = symbols.Text(word, i);
            if (_ids.TryGetValue(piece, out var id))
            {
                output.Add(id);
                continue;
            }
            // llama.cpp then tries each byte of the piece as a one-byte token; only ASCII bytes can be one.
            foreach (var c in piece)
            {
                if (c < 0x80 && _ids.TryGetValue(c.ToString(), out var single)) output.Add(single);
            }
        }
    }
}
