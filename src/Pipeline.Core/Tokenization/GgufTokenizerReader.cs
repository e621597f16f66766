using Pipeline.Core.Weights;

namespace Pipeline.Core.Tokenization;

/// <summary>A tokenizer read from a GGUF header, or the first problem found, located at the offending metadata key.</summary>
/// <param name="Vocabulary">The checked vocabulary; null when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">Why the file's tokenizer cannot be used, at the byte offset of the key.</param>
public sealed record GgufTokenizerResult(TokenizerVocabulary? Vocabulary, GgufProblem? Problem);

/// <summary>
/// Reads and checks the <c>tokenizer.ggml.*</c> metadata of a GGUF header read with its tokenizer arrays kept
/// (<see cref="GgufHeaderReader.Read(Stream, bool)"/>). Every problem llama.cpp would refuse, warn about or crash on is a
/// located <see cref="GgufProblem"/>: a missing or unknown model, a vocabulary that is missing, empty, holds an empty or
/// duplicate text, scores or types of the wrong type or length, a type outside 0..6, BPE without merges or with an
/// unknown pre-tokenizer, a special id outside the vocabulary, a flag that is not a bool. Never throws for bad content.
/// </summary>
public static partial class GgufTokenizerReader
{
    /// <summary>Largest vocabulary accepted (Llama 3 has 128,256 tokens; the largest published ones about 256,000).</summary>
    public const int MaxTokens = 1 << 20;

    /// <summary>Reads the tokenizer of <paramref name="header"/>.</summary>
    public static GgufTokenizerResult Read(GgufHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        try
        {
            return new GgufTokenizerResult(Vocabulary(new Keys(header)), null);
        }
        catch (TokenizerDataError e)
        {
            return new GgufTokenizerResult(null, new GgufProblem(e.Offset, e.Message));
        }
    }

    private static TokenizerVocabulary Vocabulary(Keys keys)
    {
        var modelName = keys.String("tokenizer.ggml.model") ?? throw keys.Error("tokenizer.ggml.model", "the file has no tokenizer: 'tokenizer.ggml.model' is missing");
        var model = modelName switch
        {
            "llama" => TokenizerModel.Llama,
            "gpt2" => TokenizerModel.Gpt2,
            _ => throw keys.Error("tokenizer.ggml.model", $"tokenizer model '{modelName}' is not supported (\"llama\" or \"gpt2\")"),
        };
        var tokens = keys.Strings("tokenizer.ggml.tokens") ?? throw keys.Error("tokenizer.ggml.tokens", "the tokenizer has no vocabulary: 'tokenizer.ggml.tokens' is missing");
        if (tokens.Count == 0 || tokens.Count > MaxTokens) throw keys.Error("tokenizer.ggml.tokens", $"the vocabulary has {tokens.Count} tokens (1 to {MaxTokens})");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Length == 0) throw keys.Error("tokenizer.ggml.tokens", $"token {i} is empty");
            if (!seen.TryAdd(tokens[i], i)) throw keys.Error("tokenizer.ggml.tokens", $"token {i} repeats the text of token {seen[tokens[i]]} ('{tokens[i]}')");
        }
        var scores = keys.Floats("tokenizer.ggml.scores", tokens.Count);
        var types = Types(keys, tokens.Count);
        string? pre = null;
        IReadOnlyList<string> merges = [];
        if (model == TokenizerModel.Gpt2)
        {
            pre = keys.String("tokenizer.ggml.pre") ?? throw keys.Error("tokenizer.ggml.model", "a gpt2 tokenizer needs 'tokenizer.ggml.pre' (the pre-tokenizer: llama-bpe or gpt-2)");
            if (!TokenizerVocabulary.Llama3PreTokenizers.Contains(pre) && !TokenizerVocabulary.Gpt2PreTokenizers.Contains(pre))
            {
                throw keys.Error("tokenizer.ggml.pre", $"pre-tokenizer '{pre}' is not supported ({string.Join(", ", TokenizerVocabulary.Llama3PreTokenizers.Concat(TokenizerVocabulary.Gpt2PreTokenizers))})");
            }
            merges = keys.Strings("tokenizer.ggml.merges") ?? throw keys.Error("tokenizer.ggml.model", "a gpt2 tokenizer needs 'tokenizer.ggml.merges'");
            for (var i = 0; i < merges.Count; i++)
            {
                if (merges[i].IndexOf(' ', 1) <= 0) throw keys.Error("tokenizer.ggml.merges", $"merge {i} ('{merges[i]}') is not two pieces separated by a space");
            }
        }
        var vocabulary = new TokenizerVocabulary(
            model, pre, tokens, scores, types, merges,
            keys.Id("tokenizer.ggml.bos_token_id", tokens.Count),
            keys.Id("tokenizer.ggml.eos_token_id", tokens.Count),
            keys.Id("tokenizer.ggml.unknown_token_id", tokens.Count),
            keys.Bool("tokenizer.ggml.add_bos_token"),
            keys.Bool("tokenizer.ggml.add_eos_token"),
            keys.Bool("tokenizer.ggml.add_space_prefix"),
            keys.String("tokenizer.chat_template"));
        // A default id the vocabulary is too small for (gpt2's default BOS and EOS are 11) cannot be added.
        if (vocabulary.AddsBos && vocabulary.BosId >= tokens.Count) throw keys.Error("tokenizer.ggml.model", $"the tokenizer adds BOS but has no 'tokenizer.ggml.bos_token_id', and the default id {vocabulary.BosId} is outside the vocabulary of {tokens.Count} tokens");
        if (vocabulary.AddsEos && vocabulary.EosId >= tokens.Count) throw keys.Error("tokenizer.ggml.model", $"the tokenizer adds EOS but has no 'tokenizer.ggml.eos_token_id', and the default id {vocabulary.EosId} is outside the vocabulary of {tokens.Count} tokens");
        return vocabulary;
    }

    private static IReadOnlyList<TokenType> Types(Keys keys, int count)
    {
        var values = keys.Integers("tokenizer.ggml.token_type", count);
        var types = new TokenType[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is < 0 or > 6) throw keys.Error("tokenizer.ggml.token_type", $"token {i} has type {values[i]} (0 to 6: undefined, normal, unknown, control, user-defined, unused, byte)");
            types[i] = (TokenType)values[i];
        }
        return types;
    }
}
