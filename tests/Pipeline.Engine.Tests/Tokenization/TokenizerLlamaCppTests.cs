using Pipeline.Core.Tokenization;
using Pipeline.Core.Weights;

namespace Pipeline.Engine.Tests.Tokenization;

/// <summary>
/// The tokenizer read back from GGUF files the project's writer produces (SentencePiece-style and BPE, small learnt
/// vocabularies) against llama.cpp's on the same files: encoding with and without special tokens, every token's
/// piece, and decoding of the encodings and of seeded random id sequences (which split UTF-8 characters).
/// </summary>
public sealed class TokenizerLlamaCppTests : IDisposable
{
    public static readonly string[] Corpus =
    [
        "Hello world", "hello", " leading space", "trailing space ", "  two  spaces   three    ", " ", "", "a",
        "\n", "line one\nline two\n\nline four", "\ttab\tseparated\t", "mixed\r\nCRLF\r\n", "  \n  \t  \n",
        "café résumé naïve déjà vu", "Ünïcödé ÀÉÎÕÜ", "你好世界", "你好，世界！日本語のテキスト", "Ελληνικά κείμενο", "Привет мир",
        "😀 emoji 🎉🎉 and 👩‍💻 😀abc", "x²+y²=z² ½ €5", "ｆｕｌｌｗｉｄｔｈ",
        "int main() { return 0; }", "for (var i = 0; i < 10; i++) { total += i * 2; }", "    indented\n\tcode();",
        "12345 67890 3.14159 1234567", "2024-01-01T12:00:00Z", "I'm you're they've he'll she'd it's IT'S",
        "don 't do ' that , ok ?", "The quick brown fox jumps over the lazy dog.", "<s> literal </s> special <unk>",
        "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|>", "MiXeD CaSe WoRdS", "aaaa eeeee lllll ooo ssss", "the pipeline tokenizer pipelines", "a\u0301 combining",
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("pipeline-tok-").FullName;

    public static TheoryData<string> Styles => new() { "spm", "bpe-llama3", "bpe-gpt2" };

    [Theory]
    [MemberData(nameof(Styles))]
    public void Encoding_matches_llama_cpp_on_the_corpus(string style)
    {
        var (ours, reference) = Load(style);
        using (reference)
        {
            foreach (var text in Corpus)
            {
                foreach (var (addSpecial, parseSpecial) in new[] { (true, false), (false, false), (true, true), (false, true) })
                {
                    ours.Encode(text, addSpecial, parseSpecial).Should().Equal(reference.Tokenize(text, addSpecial, parseSpecial),
                        $"{style}: '{text}' add_special={addSpecial} parse_special={parseSpecial}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public void Every_piece_and_every_decoding_matches_llama_cpp(string style)
    {
        var (ours, reference) = Load(style);
        using (reference)
        {
            for (var id = 0; id < ours.Count; id++)
            {
                ours.Piece(id, special: false).ToArray().Should().Equal(reference.Piece(id, special: false), $"{style}: piece of {id}");
                ours.Piece(id, special: true).ToArray().Should().Equal(reference.Piece(id, special: true), $"{style}: special piece of {id}");
            }
            var random = new Random(13);
            var sequences = Corpus.Select(t => (IReadOnlyList<int>)ours.Encode(t, addSpecial: true, parseSpecial: true)).ToList();
            for (var i = 0; i < 200; i++) sequences.Add(Enumerable.Range(0, random.Next(1, 12)).Select(_ => random.Next(ours.Count)).ToArray());
            foreach (var tokens in sequences)
            {
                foreach (var (removeSpecial, unparseSpecial) in new[] { (false, false), (true, false), (false, true), (true, true) })
                {
                    ours.DecodeBytes(tokens, removeSpecial, unparseSpecial).Should().Equal(reference.Detokenize(tokens, removeSpecial, unparseSpecial),
                        $"{style}: [{string.Join(",", tokens)}] remove_special={removeSpecial} unparse_special={unparseSpecial}");
                }
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private (Tokenizer Ours, LlamaCppTokenizer Reference) Load(string style)
    {
        var vocabulary = style switch
        {
            "spm" => TestVocabularies.Spm(),
            "bpe-llama3" => TestVocabularies.Bpe(),
            _ => TestVocabularies.Bpe(pre: "gpt-2"),
        };
        var path = Path.Combine(_directory, style + ".gguf");
        TestVocabularies.WriteModel(path, vocabulary);
        // Ours reads the file back through the compiler's header reader, not the vocabulary in memory.
        using var stream = File.OpenRead(path);
        var header = GgufHeaderReader.Read(stream, keepTokenizer: true).Header!;
        var read = GgufTokenizerReader.Read(header);
        read.Problem.Should().BeNull();
        return (Tokenizer.Create(read.Vocabulary!), new LlamaCppTokenizer(path));
    }
}
