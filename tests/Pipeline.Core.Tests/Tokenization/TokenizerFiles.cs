using Pipeline.Core.Tests.Weights;
using Pipeline.Core.Tokenization;
using Pipeline.Core.Weights;

namespace Pipeline.Core.Tests.Tokenization;

/// <summary>Small GGUF headers holding only tokenizer metadata, written field by field, and how to read them back.</summary>
internal static class TokenizerFiles
{
    /// <summary>&lt;unk&gt; &lt;s&gt; &lt;/s&gt;, byte tokens for 0xC3 and 0xA9 (é) and pieces with hand-picked scores.</summary>
    public static readonly string[] SpmTokens = ["<unk>", "<s>", "</s>", "<0xC3>", "<0xA9>", "▁", "a", "b", "c", "▁a", "ab", "▁ab", "bc"];
    public static readonly float[] SpmScores = [0, 0, 0, 0, 0, -10, -20, -21, -22, -3, -1, -2, -4];
    public static readonly int[] SpmTypes = [2, 3, 3, 6, 6, 1, 1, 1, 1, 1, 1, 1, 1];

    public static byte[] Spm(Action<GgufBytes>? extra = null, int extraCount = 0)
    {
        var bytes = new GgufBytes(metadata: (ulong)(4 + extraCount))
            .KeyString("tokenizer.ggml.model", "llama")
            .KeyStrings("tokenizer.ggml.tokens", SpmTokens)
            .KeyFloats("tokenizer.ggml.scores", SpmScores)
            .KeyInts("tokenizer.ggml.token_type", SpmTypes);
        extra?.Invoke(bytes);
        return bytes.ToArray();
    }

    public static GgufTokenizerResult Read(byte[] bytes)
    {
        var header = GgufHeaderReader.Read(new MemoryStream(bytes), keepTokenizer: true);
        return header.Problem is { } problem ? new GgufTokenizerResult(null, problem) : GgufTokenizerReader.Read(header.Header!);
    }

    /// <summary>Where key <paramref name="key"/> starts in <paramref name="bytes"/> (the reader locates problems there).</summary>
    public static long OffsetOf(byte[] bytes, string key)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(key);
        for (var i = 8; i + needle.Length <= bytes.Length; i++)
        {
            if (bytes.AsSpan(i, needle.Length).SequenceEqual(needle) && BitConverter.ToUInt64(bytes, i - 8) == (ulong)needle.Length) return i - 8;
        }
        throw new ArgumentException($"key {key} not found");
    }
}
