using Pipeline.Core.Tokenization;

namespace Pipeline.Engine.Gguf;

/// <summary>Writes a <see cref="TokenizerVocabulary"/> as the <c>tokenizer.ggml.*</c> metadata llama.cpp reads.</summary>
internal static class GgufTokenizerWriter
{
    public static IEnumerable<Action<BinaryWriter>> Entries(TokenizerVocabulary v)
    {
        yield return GgufMetadataWriter.Str("tokenizer.ggml.model", v.ModelName);
        if (v.PreTokenizer is { } pre) yield return GgufMetadataWriter.Str("tokenizer.ggml.pre", pre);
        yield return Array("tokenizer.ggml.tokens", GgufValueType.String, v.Tokens, (w, t) => GgufMetadataWriter.WriteString(w, t));
        if (v.Scores.Count > 0) yield return Array("tokenizer.ggml.scores", GgufValueType.Float32, v.Scores, (w, s) => w.Write(s));
        if (v.Types.Count > 0) yield return Array("tokenizer.ggml.token_type", GgufValueType.Int32, v.Types, (w, t) => w.Write((int)t));
        if (v.Merges.Count > 0) yield return Array("tokenizer.ggml.merges", GgufValueType.String, v.Merges, (w, m) => GgufMetadataWriter.WriteString(w, m));
        if (v.Unknown is { } unknown) yield return GgufMetadataWriter.U32("tokenizer.ggml.unknown_token_id", (uint)unknown);
        if (v.Bos is { } bos) yield return GgufMetadataWriter.U32("tokenizer.ggml.bos_token_id", (uint)bos);
        if (v.Eos is { } eos) yield return GgufMetadataWriter.U32("tokenizer.ggml.eos_token_id", (uint)eos);
        if (v.AddBos is { } addBos) yield return GgufMetadataWriter.Bool("tokenizer.ggml.add_bos_token", addBos);
        if (v.AddEos is { } addEos) yield return GgufMetadataWriter.Bool("tokenizer.ggml.add_eos_token", addEos);
        if (v.AddSpacePrefix is { } prefix) yield return GgufMetadataWriter.Bool("tokenizer.ggml.add_space_prefix", prefix);
        if (v.ChatTemplate is { } template) yield return GgufMetadataWriter.Str("tokenizer.chat_template", template);
    }

    private static Action<BinaryWriter> Array<T>(string key, GgufValueType type, IReadOnlyList<T> items, Action<BinaryWriter, T> write) => w =>
    {
        GgufMetadataWriter.WriteString(w, key);
        w.Write((uint)GgufValueType.Array);
        w.Write((uint)type);
        w.Write((ulong)items.Count);
        foreach (var item in items) write(w, item);
    };
}
