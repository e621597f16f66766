namespace Pipeline.Core.Tokenization;

/// <summary>
/// A tokenizer as a GGUF file stores it (the <c>tokenizer.ggml.*</c> keys): what <see cref="GgufTokenizerReader"/> reads
/// and checks, and what the GGUF writer writes. <see cref="Tokenizer"/> is built from it.
/// </summary>
/// <param name="Model">The family (<c>tokenizer.ggml.model</c>).</param>
/// <param name="PreTokenizer">The BPE pre-tokenizer (<c>tokenizer.ggml.pre</c>: <c>llama-bpe</c> or <c>gpt-2</c>); null for <see cref="TokenizerModel.Llama"/>.</param>
/// <param name="Tokens">Token texts by id (<c>tokenizer.ggml.tokens</c>); BPE texts are in GPT-2's byte-to-unicode alphabet.</param>
/// <param name="Scores">Per token, the SentencePiece score (higher merges first); empty when the file has none.</param>
/// <param name="Types">Per token, its <see cref="TokenType"/>; empty when the file has none (all normal).</param>
/// <param name="Merges">BPE merges, best first, each "left right"; empty for <see cref="TokenizerModel.Llama"/>.</param>
/// <param name="Bos">Beginning-of-sequence id, or null for the family's default.</param>
/// <param name="Eos">End-of-sequence id, or null for the family's default.</param>
/// <param name="Unknown">Unknown-token id, or null for the family's default.</param>
/// <param name="AddBos">Whether encoding with special tokens prepends BOS; null for the family's default.</param>
/// <param name="AddEos">Whether encoding with special tokens appends EOS; null for the family's default.</param>
/// <param name="AddSpacePrefix">Whether text gets a leading space (SentencePiece's dummy prefix); null for the family's default.</param>
/// <param name="ChatTemplate">The Jinja chat template (<c>tokenizer.chat_template</c>), if any.</param>
public sealed record TokenizerVocabulary(
    TokenizerModel Model,
    string? PreTokenizer,
    IReadOnlyList<string> Tokens,
    IReadOnlyList<float> Scores,
    IReadOnlyList<TokenType> Types,
    IReadOnlyList<string> Merges,
    int? Bos = null,
    int? Eos = null,
    int? Unknown = null,
    bool? AddBos = null,
    bool? AddEos = null,
    bool? AddSpacePrefix = null,
    string? ChatTemplate = null)
{
    /// <summary>The pre-tokenizer names read as Llama 3's regex (llama.cpp's list).</summary>
    public static readonly IReadOnlyList<string> Llama3PreTokenizers = ["llama-bpe", "llama3", "llama-v3"];

    /// <summary>The pre-tokenizer names read as GPT-2's regex.</summary>
    public static readonly IReadOnlyList<string> Gpt2PreTokenizers = ["gpt-2"];

    /// <summary>The BOS id in effect: the file's, else llama.cpp's default for the family (1 for llama, 11 for gpt2).</summary>
    public int BosId => Bos ?? (Model == TokenizerModel.Llama ? 1 : 11);

    /// <summary>The EOS id in effect: the file's, else llama.cpp's default (2 for llama, 11 for gpt2).</summary>
    public int EosId => Eos ?? (Model == TokenizerModel.Llama ? 2 : 11);

    /// <summary>Whether BOS is added: the file's flag, else llama.cpp's default (llama and Llama 3's BPE: yes).</summary>
    public bool AddsBos => AddBos ?? (Model == TokenizerModel.Llama || Llama3PreTokenizers.Contains(PreTokenizer ?? string.Empty));

    /// <summary>Whether EOS is added: the file's flag, else no.</summary>
    public bool AddsEos => AddEos ?? false;

    /// <summary>Whether text gets a leading space: the file's flag, else llama only.</summary>
    public bool AddsSpacePrefix => AddSpacePrefix ?? Model == TokenizerModel.Llama;

    /// <summary>The GGUF name of <see cref="Model"/>.</summary>
    public string ModelName => Model == TokenizerModel.Llama ? "llama" : "gpt2";
}
