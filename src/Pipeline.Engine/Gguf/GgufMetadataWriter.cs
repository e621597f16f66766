using System.Text;
using Pipeline.Plans;

namespace Pipeline.Engine.Gguf;

/// <summary>Builds the metadata section of a llama GGUF file (each entry writes itself).</summary>
internal static class GgufMetadataWriter
{
    private const int ByteTokens = 256;
    private const int SpecialTokens = 3; // <unk>, <s>, </s>

    public static List<Action<BinaryWriter>> ForLlama(ModelArchitecture a, string name, int alignment)
    {
        var (tokens, scores, types) = Vocabulary(a.Vocab);
        return
        [
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
            Str("tokenizer.ggml.model", "llama"),
            w => { WriteString(w, "tokenizer.ggml.tokens"); w.Write((uint)GgufValueType.Array); w.Write((uint)GgufValueType.String); w.Write((ulong)tokens.Length); foreach (var t in tokens) WriteString(w, t); },
            w => { WriteString(w, "tokenizer.ggml.scores"); w.Write((uint)GgufValueType.Array); w.Write((uint)GgufValueType.Float32); w.Write((ulong)scores.Length); foreach (var s in scores) w.Write(s); },
            w => { WriteString(w, "tokenizer.ggml.token_type"); w.Write((uint)GgufValueType.Array); w.Write((uint)GgufValueType.Int32); w.Write((ulong)types.Length); foreach (var t in types) w.Write(t); },
            U32("tokenizer.ggml.unknown_token_id", 0),
            U32("tokenizer.ggml.bos_token_id", 1),
            U32("tokenizer.ggml.eos_token_id", 2),
        ];
    }

    public static void WriteString(BinaryWriter w, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    // Token types (llama.cpp): 1 normal, 2 unknown, 3 control, 6 byte.
    private static (string[] Tokens, float[] Scores, int[] Types) Vocabulary(int vocab)
    {
        var tokens = new string[vocab];
        var scores = new float[vocab];
        var types = new int[vocab];
        var withBytes = vocab >= SpecialTokens + ByteTokens;
        for (var i = 0; i < vocab; i++)
        {
            (tokens[i], types[i]) = i switch
            {
                0 => ("<unk>", 2),
                1 => ("<s>", 3),
                2 => ("</s>", 3),
                _ when withBytes && i < SpecialTokens + ByteTokens => ($"<0x{i - SpecialTokens:X2}>", 6),
                _ => ($"tok{i}", 1),
            };
            scores[i] = -i;
        }
        return (tokens, scores, types);
    }

    private static Action<BinaryWriter> Str(string key, string value) => w =>
    {
        WriteString(w, key);
        w.Write((uint)GgufValueType.String);
        WriteString(w, value);
    };

    private static Action<BinaryWriter> U32(string key, uint value) => w =>
    {
        WriteString(w, key);
        w.Write((uint)GgufValueType.UInt32);
        w.Write(value);
    };

    private static Action<BinaryWriter> F32(string key, float value) => w =>
    {
        WriteString(w, key);
        w.Write((uint)GgufValueType.Float32);
        w.Write(value);
    };
}
