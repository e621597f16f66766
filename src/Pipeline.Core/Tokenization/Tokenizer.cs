using System.Text;
using Pipeline.Core.Tokenization.Internal;

namespace Pipeline.Core.Tokenization;

/// <summary>
/// Text to token ids and back with a GGUF file's own vocabulary, matching llama.cpp's <c>llama_tokenize</c>,
/// <c>llama_token_to_piece</c> and <c>llama_detokenize</c>: SentencePiece-style (<c>llama</c>: scores, <c>▁</c> for
/// spaces, a leading space, byte fallback) or byte-level BPE (<c>gpt2</c>: ranked merges after Llama 3's or GPT-2's
/// pre-tokenizer regex). Immutable and safe to share between threads.
/// </summary>
public sealed partial class Tokenizer
{
    private const string SpaceMark = "\u2581"; // ▁, SentencePiece's visible space
    private static readonly string[] s_endOfTurnTexts = ["<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<|eom_id|>", "<EOT>"];

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly SpecialTokenSplitter _splitter;
    private readonly SpmEncoder? _spm;
    private readonly BpeEncoder? _bpe;
    private readonly byte[][] _pieces;
    private readonly TokenType[] _types;
    private readonly HashSet<int> _endOfGeneration = [];

    private Tokenizer(TokenizerVocabulary vocabulary)
    {
        Vocabulary = vocabulary;
        var tokens = vocabulary.Tokens;
        _types = new TokenType[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            _ids[tokens[i]] = i;
            _types[i] = vocabulary.Types.Count > i ? vocabulary.Types[i] : TokenType.Normal;
        }
        var llama = vocabulary.Model == TokenizerModel.Llama;
        Bos = vocabulary.BosId;
        Eos = vocabulary.EosId;
        AddBos = vocabulary.AddsBos && Bos < tokens.Count;
        AddEos = vocabulary.AddsEos && Eos < tokens.Count;
        AddSpacePrefix = vocabulary.AddsSpacePrefix;
        CleanSpaces = !llama;
        // End-of-turn tokens found by their text are control tokens and end a generation, as llama.cpp decides.
        foreach (var text in s_endOfTurnTexts)
        {
            if (!_ids.TryGetValue(text, out var id)) continue;
            _types[id] = TokenType.Control;
            _endOfGeneration.Add(id);
        }
        if (Eos < tokens.Count) _endOfGeneration.Add(Eos);
        _splitter = new SpecialTokenSplitter(tokens, _types);
        if (llama) _spm = new SpmEncoder(_ids, vocabulary.Scores, ByteTokens(vocabulary.Unknown ?? 0));
        else _bpe = new BpeEncoder(_ids, vocabulary.Merges, TokenizerVocabulary.Llama3PreTokenizers.Contains(vocabulary.PreTokenizer ?? string.Empty));
        _pieces = new byte[tokens.Count][];
        for (var i = 0; i < tokens.Count; i++) _pieces[i] = BuildPiece(i);
    }

    /// <summary>The vocabulary this tokenizer was built from.</summary>
    public TokenizerVocabulary Vocabulary { get; }

    /// <summary>Number of tokens.</summary>
    public int Count => _pieces.Length;

    /// <summary>The beginning-of-sequence id.</summary>
    public int Bos { get; }

    /// <summary>The end-of-sequence id.</summary>
    public int Eos { get; }

    /// <summary>Whether <see cref="Encode"/> with special tokens prepends <see cref="Bos"/>.</summary>
    public bool AddBos { get; }

    /// <summary>Whether <see cref="Encode"/> with special tokens appends <see cref="Eos"/>.</summary>
    public bool AddEos { get; }

    /// <summary>Whether text gets a leading space before encoding (and loses it when decoded).</summary>
    public bool AddSpacePrefix { get; }

    /// <summary>Whether decoding tidies spaces before punctuation and contractions (BPE vocabularies, as llama.cpp).</summary>
    public bool CleanSpaces { get; }

    /// <summary>Builds the tokenizer; the vocabulary should come checked from <see cref="GgufTokenizerReader"/>.</summary>
    public static Tokenizer Create(TokenizerVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (vocabulary.Tokens.Count == 0) throw new ArgumentException("The vocabulary is empty.", nameof(vocabulary));
        return new Tokenizer(vocabulary);
    }

    /// <summary>Whether generating <paramref name="token"/> ends a generation (EOS or an end-of-turn token).</summary>
    public bool IsEndOfGeneration(int token) => _endOfGeneration.Contains(token);

    /// <summary>The type of <paramref name="token"/> (end-of-turn tokens read as control).</summary>
    public TokenType Type(int token) => _types[token];

    /// <summary>
    /// Encodes <paramref name="text"/>. <paramref name="addSpecial"/> adds BOS/EOS as the vocabulary asks;
    /// <paramref name="parseSpecial"/> lets control tokens written in the text (e.g. <c>&lt;|eot_id|&gt;</c>) become those tokens.
    /// </summary>
    public IReadOnlyList<int> Encode(string text, bool addSpecial = true, bool parseSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        // llama.cpp receives UTF-8: a lone surrogate arrives as U+FFFD.
        text = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
        var output = new List<int>();
        var fragments = _splitter.Split(text, parseSpecial);
        if (addSpecial && AddBos) output.Add(Bos);
        var previousSpecial = true;
        foreach (var (raw, id) in fragments)
        {
            if (raw is null)
            {
                output.Add(id!.Value);
                previousSpecial = true;
                continue;
            }
            if (_spm is not null)
            {
                // SentencePiece's dummy prefix: a space before the first text and after each special token.
                var spaced = (AddSpacePrefix && previousSpecial ? " " : string.Empty) + raw;
                _spm.Encode(spaced.Replace(" ", SpaceMark, StringComparison.Ordinal), output);
            }
            else
            {
                _bpe!.Encode(raw, output);
            }
            previousSpecial = false;
        }
        if (addSpecial && AddEos) output.Add(Eos);
        return output;
    }

    private int[] ByteTokens(int unknown)
    {
        // <0xNN> tokens, else the byte itself as a token; a vocabulary with neither gives the unknown token
        // (llama.cpp throws there instead).
        var bytes = new int[256];
        for (var b = 0; b < 256; b++)
        {
            bytes[b] = _ids.TryGetValue($"<0x{b:X2}>", out var id) ? id
                : b < 0x80 && _ids.TryGetValue(((char)b).ToString(), out var raw) ? raw
                : unknown;
        }
        return bytes;
    }
}
