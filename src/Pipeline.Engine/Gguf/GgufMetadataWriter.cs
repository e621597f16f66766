using System.Text;
using Pipeline.Core.Tokenization;
using Pipeline.Plans;

namespace Pipeline.Engine.Gguf;

/// <summary>Builds the metadata section of a llama GGUF file (each entry writes itself).</summary>
internal static class GgufMetadataWriter
{
    private const int ByteTokens = 256;
    private const int SpecialTokens = 3; // <unk>, <s>, </s>

    public static List<Action<BinaryWriter>> ForLlama(ModelArchitecture a, string name, int alignment, TokenizerVocabulary? vocabulary)
    {
        var v = vocabulary ?? Placeholder(a.Vocab);
        if (v.Tokens.Count != a.Vocab) throw new ArgumentException($"The tokenizer has {v.Tokens.Count} tokens but the model's vocabulary is {a.Vocab}.", nameof(vocabulary));
        var entries = new List<Action<BinaryWriter>>
        {
            Str("general.architecture", "llama"),
            Str("general.name", name),
            U32("general.alignment", (uint)alignment),
            U32("llama.context_length", (uint)a.ContextLength),
            U32("llama.embedding_length", (uint)a.Hidden),
            U32("llama.block_count", (uint)a.Layers),
            U32("llama.feed_forward_length", (uint)a.FfnHidden),
            U32("llama.attention.head_count", (uint)a.Heads),
            U32("llama.attention.head_count_kv", (uint)a.KvHeads),
            U32("llama.rope.dimension_count", (uint)a.HeadDim),
            F32("llama.rope.freq_base", (float)a.RopeTheta),
            F32("llama.attention.layer_norm_rms_epsilon", (float)a.NormEpsilon),
            U32("llama.vocab_size", (uint)a.Vocab),
        };
        entries.AddRange(GgufTokenizerWriter.Entries(v));
        return entries;
    }

    public static void WriteString(BinaryWriter w, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    // The default tokenizer: <unk>, <s>, </s>, the 256 byte tokens when the vocabulary has room, then placeholders.
    private static TokenizerVocabulary Placeholder(int vocab)
    {
        var tokens = new string[vocab];
        var scores = new float[vocab];
        var types = new TokenType[vocab];
        var withBytes = vocab >= SpecialTokens + ByteTokens;
        for (var i = 0; i < vocab; i++)
        {
            (tokens[i], types[i]) = i switch
            {
                0 => ("<unk>", TokenType.Unknown),
                1 => ("<s>", TokenType.Control),
                2 => ("</s>", TokenType.Control),
                _ when withBytes && i < SpecialTokens + ByteTokens => ($"<0x{i - SpecialTokens:X2}>", TokenType.Byte),
                _ => ($"tok{i}", TokenType.Normal),
            };
            scores[i] = -i;
        }
        return new TokenizerVocabulary(TokenizerModel.Llama, null, tokens, scores, types, [], Bos: 1, Eos: 2, Unknown: 0);
    }

    public static Action<BinaryWriter> Str(string key, string value) => w =>
    {
        WriteString(w, key);
        w.Write((uint)GgufValueType.String);
        WriteString(w, value);
    };

    public static Action<BinaryWriter> U32(string key, uint value) => w =>
    {
        WriteString(w, key);
        w.Write((uint)GgufValueType.UInt32);
        w.Write(value);
    };

    public static Action<BinaryWriter> Bool(string key, bool value) => w =>
    {
        WriteString(w, key);
        w.Write((uint)GgufValueType.Bool);
        w.Write(value ? (byte)1 : (byte)0);
    };
    private static Action<BinaryWriter> F32(string key, float value) => w =>
    {
        WriteString(w, key);
        w.Write((uint)GgufValueType.Float32);
        w.Write(value);
    };
}
