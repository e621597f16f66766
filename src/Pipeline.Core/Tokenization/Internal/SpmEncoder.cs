using System.Text;

namespace Pipeline.Core.Tokenization.Internal;

/// <summary>
/// SentencePiece-style encoding as llama.cpp's <c>llm_tokenizer_spm_session</c>: start from single characters, merge the
/// adjacent pair whose joined text is a token with the highest score (ties: leftmost), until no pair is a token; a
/// symbol that is not a token is written as its UTF-8 bytes through the <c>&lt;0xNN&gt;</c> byte tokens.
/// </summary>
internal sealed class SpmEncoder(IReadOnlyDictionary<string, int> ids, IReadOnlyList<float> scores, int[] byteTokens)
{
    public void Encode(string text, List<int> output)
    {
        var symbols = new Symbols(text);
        // Max score first, then the leftmost pair; each entry remembers the joined length to detect stale pairs.
        var queue = new PriorityQueue<(int Left, int Right, int Size), (float NegativeScore, int Left)>();
        void TryAdd(int left, int right)
        {
            if (left < 0 || right < 0) return;
            var joined = symbols.Text(text, left, right);
            if (!ids.TryGetValue(joined, out var id)) return;
            queue.Enqueue((left, right, joined.Length), (-Score(id), left));
        }
        for (var i = 1; i < symbols.Count; i++) TryAdd(i - 1, i);
        while (queue.TryDequeue(out var pair, out _))
        {
            var (left, right, size) = pair;
            if (symbols.Length[left] == 0 || symbols.Length[right] == 0 || symbols.Length[left] + symbols.Length[right] != size) continue;
            symbols.Merge(left, right);
            TryAdd(symbols.Prev[left], left);
            TryAdd(left, symbols.Next[left]);
        }
        for (var i = 0; i != -1 && symbols.Count > 0; i = symbols.Next[i])
        {
            var piece = symbols.Text(text, i);
            if (ids.TryGetValue(piece, out var id))
            {
                output.Add(id);
                continue;
            }
            foreach (var b in Encoding.UTF8.GetBytes(piece)) output.Add(byteTokens[b]);
        }
    }

    private float Score(int id) => scores.Count > id ? scores[id] : 0f;
}
