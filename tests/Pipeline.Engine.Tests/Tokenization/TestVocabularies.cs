using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Core.Tokenization;
using Pipeline.Plans;

namespace Pipeline.Engine.Tests.Tokenization;

/// <summary>
/// Small vocabularies in both GGUF styles, learnt from a training text by greedy pair merging so that real merges
/// happen; the emoji, Cyrillic, Greek and most CJK characters are left out so byte fallback (SentencePiece) and byte
/// pieces (BPE) are exercised.
/// </summary>
public static class TestVocabularies
{
    /// <summary>The text the merges are learnt from.</summary>
    public const string Training =
        "the quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs.\n" +
        "Hello world! Hello there, world. It's a test: they're here, we've won, I'm done.\n" +
        "int main() { return 0; }\nfor (var i = 0; i < 10; i++) { total += i * 2; }\n" +
        "    indented code\n\tand tabs\n12345 67890 3.14159 2024-01-01\n" +
        "café résumé naïve déjà vu. 你好世界 你好\n";

    private static readonly Regex s_words = new(@"(?:'[sStTmMdD]|'re|'ve|'ll)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+");

    /// <summary>A SentencePiece-style vocabulary: &lt;unk&gt; &lt;s&gt; &lt;/s&gt;, the 256 byte tokens, characters, then learnt pieces.</summary>
    public static TokenizerVocabulary Spm(int merges = 160, string? chatTemplate = null)
    {
        var tokens = new List<string> { "<unk>", "<s>", "</s>" };
        var types = new List<TokenType> { TokenType.Unknown, TokenType.Control, TokenType.Control };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add($"<0x{b:X2}>");
            types.Add(TokenType.Byte);
        }
        var scores = Enumerable.Repeat(0f, tokens.Count).ToList();
        // SentencePiece marks spaces with ▁ and puts one before the text; pieces do not start in the middle of a ▁ run.
        var words = (" " + Training).Replace(' ', '\u2581').Split('\n').Select(line => Characters(line)).ToList();
        foreach (var c in words.SelectMany(w => w).Distinct().Where(c => c != "界"))
        {
            tokens.Add(c);
            types.Add(TokenType.Normal);
            scores.Add(-1000f - tokens.Count);
        }
        var pieces = Learn(words, merges, (a, b) => !b.StartsWith('\u2581') || a.All(ch => ch == '\u2581'));
        for (var i = 0; i < pieces.Count; i++)
        {
            if (tokens.Contains(pieces[i].Joined)) continue;
            tokens.Add(pieces[i].Joined);
            types.Add(TokenType.Normal);
            scores.Add(-i);
        }
        // Doubled letters, all with one score: in a run ("lllll") the leftmost pair must merge first.
        foreach (var doubled in new[] { "aa", "ee", "ll", "oo", "ss" }.Where(d => !tokens.Contains(d)))
        {
            tokens.Add(doubled);
            types.Add(TokenType.Normal);
            scores.Add(-50f);
        }
        return new TokenizerVocabulary(TokenizerModel.Llama, null, tokens, scores, types, [], Bos: 1, Eos: 2, Unknown: 0, ChatTemplate: chatTemplate);
    }

    /// <summary>A byte-level BPE vocabulary (Llama 3 style): the 256 byte characters, learnt merges, then control tokens.</summary>
    public static TokenizerVocabulary Bpe(int merges = 200, string pre = "llama-bpe", string? chatTemplate = null)
    {
        var tokens = Enumerable.Range(0, 256).Select(b => Encode([(byte)b])).ToList();
        var words = s_words.Matches(Training).Select(m => Characters(Encode(Encoding.UTF8.GetBytes(m.Value)))).ToList();
        var learnt = Learn(words, merges, (_, _) => true);
        var mergeTexts = new List<string>();
        foreach (var (left, right, joined) in learnt)
        {
            mergeTexts.Add(left + " " + right);
            if (!tokens.Contains(joined)) tokens.Add(joined);
        }
        // Whole words no merge sequence reaches: Llama 3's pre-tokenizer takes them as they are.
        foreach (var word in new[] { "Ġpipeline", "tokenizer" }) tokens.Add(word);
        var types = Enumerable.Repeat(TokenType.Normal, tokens.Count).ToList();
        string[] specials = ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"];
        var bos = tokens.Count;
        foreach (var s in specials)
        {
            tokens.Add(s);
            types.Add(TokenType.Control);
        }
        return new TokenizerVocabulary(TokenizerModel.Gpt2, pre, tokens, [], types, mergeTexts, Bos: bos, Eos: bos + 1, ChatTemplate: chatTemplate);
    }

    /// <summary>Greedy pair merging: the most frequent allowed adjacent pair (ties: first seen) becomes a piece, <paramref name="count"/> times.</summary>
    private static List<(string Left, string Right, string Joined)> Learn(List<List<string>> words, int count, Func<string, string, bool> allowed)
    {
        var learnt = new List<(string, string, string)>();
        for (var step = 0; step < count; step++)
        {
            var counts = new Dictionary<(string, string), int>();
            var order = new List<(string, string)>();
            foreach (var w in words)
            {
                for (var i = 0; i + 1 < w.Count; i++)
                {
                    if (!allowed(w[i], w[i + 1])) continue;
                    var pair = (w[i], w[i + 1]);
                    if (counts.TryAdd(pair, 0)) order.Add(pair);
                    counts[pair]++;
                }
            }
            if (order.Count == 0) break;
            var best = order.OrderByDescending(p => counts[p]).First();
            learnt.Add((best.Item1, best.Item2, best.Item1 + best.Item2));
            foreach (var w in words)
            {
                for (var i = 0; i + 1 < w.Count; i++)
                {
                    if (w[i] != best.Item1 || w[i + 1] != best.Item2) continue;
                    w[i] += w[i + 1];
                    w.RemoveAt(i + 1);
                }
            }
        }
        return learnt;
    }

    private static List<string> Characters(string text)
    {
        var list = new List<string>();
        foreach (var rune in text.EnumerateRunes()) list.Add(rune.ToString());
        return list;
    }

    // GPT-2's byte alphabet, written out here independently of the tokenizer's own table.
    private static readonly List<int> s_shifted = Enumerable.Range(0, 256).Where(x => !((x >= 33 && x <= 126) || (x >= 161 && x <= 172) || (x >= 174 && x <= 255))).ToList();

    private static string Encode(byte[] bytes)
    {
        var builder = new StringBuilder();
        foreach (var b in bytes)
        {
            var shifted = s_shifted;
            builder.Append(shifted.IndexOf(b) is var k and >= 0 ? (char)(256 + k) : (char)b);
        }
        return builder.ToString();
    }

    /// <summary>A tiny random-weight model whose vocabulary is <paramref name="vocabulary"/>.</summary>
    public static void WriteModel(string path, TokenizerVocabulary vocabulary, int seed = 5)
    {
        var architecture = new ModelArchitecture(Layers: 1, Hidden: 32, Heads: 2, KvHeads: 2, FfnHidden: 64, Vocab: vocabulary.Tokens.Count,
            ContextLength: 128, RopeTheta: 10000, NormEpsilon: 1e-5, WeightType: DType.F32);
        GgufWriter.Write(path, RandomWeightsGenerator.Generate(architecture, seed), tokenizer: vocabulary);
    }
}
