using Pipeline.Core.Tests.Weights;
using Pipeline.Core.Tokenization;

namespace Pipeline.Core.Tests.Tokenization;

public sealed class GgufTokenizerReaderTests
{
    [Fact]
    public void A_sentencepiece_vocabulary_reads_with_llama_cpp_defaults()
    {
        var result = TokenizerFiles.Read(TokenizerFiles.Spm());

        result.Problem.Should().BeNull();
        var v = result.Vocabulary!;
        v.Model.Should().Be(TokenizerModel.Llama);
        v.Tokens.Should().Equal(TokenizerFiles.SpmTokens);
        v.Scores.Should().Equal(TokenizerFiles.SpmScores);
        v.Types[3].Should().Be(TokenType.Byte);
        var tokenizer = Tokenizer.Create(v);
        (tokenizer.Bos, tokenizer.Eos, tokenizer.AddBos, tokenizer.AddEos, tokenizer.AddSpacePrefix).Should().Be((1, 2, true, false, true));
    }

    [Fact]
    public void Flags_and_special_ids_in_the_file_override_the_defaults()
    {
        var bytes = TokenizerFiles.Spm(b => b.KeyBool("tokenizer.ggml.add_bos_token", false).KeyU32("tokenizer.ggml.eos_token_id", 5), 2);

        var tokenizer = Tokenizer.Create(TokenizerFiles.Read(bytes).Vocabulary!);

        (tokenizer.AddBos, tokenizer.Eos).Should().Be((false, 5));
    }

    public static TheoryData<string, string, string> BadMetadata => new()
    {
        { "unknown model", "tokenizer.ggml.model", "tokenizer model 'bert' is not supported" },
        { "scores too short", "tokenizer.ggml.scores", "has 2 entries for 13 tokens" },
        { "type out of range", "tokenizer.ggml.token_type", "token 0 has type 9" },
        { "duplicate token", "tokenizer.ggml.tokens", "token 1 repeats the text of token 0 ('a')" },
        { "empty token", "tokenizer.ggml.tokens", "token 1 is empty" },
        { "bos outside", "tokenizer.ggml.bos_token_id", "'tokenizer.ggml.bos_token_id' is 99, outside the vocabulary of 13 tokens" },
        { "flag not bool", "tokenizer.ggml.add_bos_token", "'tokenizer.ggml.add_bos_token' must be a bool, not an integer" },
        { "gpt2 without merges", "tokenizer.ggml.model", "a gpt2 tokenizer needs 'tokenizer.ggml.merges'" },
        { "unknown pre-tokenizer", "tokenizer.ggml.pre", "pre-tokenizer 'qwen2' is not supported" },
        { "bad merge", "tokenizer.ggml.merges", "merge 0 ('ab') is not two pieces separated by a space" },
        { "scores of ints", "tokenizer.ggml.scores", "must be an array of float32 values, not of GGUF type 5" },
    };

    [Theory]
    [MemberData(nameof(BadMetadata))]
    public void Bad_tokenizer_metadata_is_a_problem_located_at_its_key(string name, string key, string message)
    {
        var tokens = TokenizerFiles.SpmTokens;
        var bytes = name switch
        {
            "unknown model" => new GgufBytes(metadata: 2).KeyString("tokenizer.ggml.model", "bert").KeyStrings("tokenizer.ggml.tokens", tokens).ToArray(),
            "scores too short" => new GgufBytes(metadata: 3).KeyString("tokenizer.ggml.model", "llama").KeyStrings("tokenizer.ggml.tokens", tokens).KeyFloats("tokenizer.ggml.scores", [1, 2]).ToArray(),
            "type out of range" => new GgufBytes(metadata: 3).KeyString("tokenizer.ggml.model", "llama").KeyStrings("tokenizer.ggml.tokens", tokens).KeyInts("tokenizer.ggml.token_type", tokens.Select(_ => 9)).ToArray(),
            "duplicate token" => new GgufBytes(metadata: 2).KeyString("tokenizer.ggml.model", "llama").KeyStrings("tokenizer.ggml.tokens", ["a", "a"]).ToArray(),
            "empty token" => new GgufBytes(metadata: 2).KeyString("tokenizer.ggml.model", "llama").KeyStrings("tokenizer.ggml.tokens", ["a", ""]).ToArray(),
            "bos outside" => TokenizerFiles.Spm(b => b.KeyU32("tokenizer.ggml.bos_token_id", 99), 1),
            "flag not bool" => TokenizerFiles.Spm(b => b.KeyU32("tokenizer.ggml.add_bos_token", 1), 1),
            "gpt2 without merges" => new GgufBytes(metadata: 3).KeyString("tokenizer.ggml.model", "gpt2").KeyString("tokenizer.ggml.pre", "llama-bpe").KeyStrings("tokenizer.ggml.tokens", tokens).ToArray(),
            "unknown pre-tokenizer" => new GgufBytes(metadata: 3).KeyString("tokenizer.ggml.model", "gpt2").KeyString("tokenizer.ggml.pre", "qwen2").KeyStrings("tokenizer.ggml.tokens", tokens).ToArray(),
            "bad merge" => new GgufBytes(metadata: 4).KeyString("tokenizer.ggml.model", "gpt2").KeyString("tokenizer.ggml.pre", "gpt-2").KeyStrings("tokenizer.ggml.tokens", tokens).KeyStrings("tokenizer.ggml.merges", ["ab"]).ToArray(),
            _ => new GgufBytes(metadata: 3).KeyString("tokenizer.ggml.model", "llama").KeyStrings("tokenizer.ggml.tokens", tokens).KeyInts("tokenizer.ggml.scores", tokens.Select(_ => 1)).ToArray(),
        };

        var result = TokenizerFiles.Read(bytes);

        result.Vocabulary.Should().BeNull();
        result.Problem!.Message.Should().Contain(message);
        result.Problem.Offset.Should().Be(TokenizerFiles.OffsetOf(bytes, key));
    }

    [Fact]
    public void A_file_without_a_tokenizer_says_so()
    {
        var result = TokenizerFiles.Read(new GgufBytes(metadata: 1).KeyString("general.architecture", "llama").ToArray());

        result.Problem!.Message.Should().Be("the file has no tokenizer: 'tokenizer.ggml.model' is missing");
    }

    [Fact]
    public void Without_keeping_the_tokenizer_the_header_holds_array_lengths_only()
    {
        var header = Pipeline.Core.Weights.GgufHeaderReader.Read(new MemoryStream(TokenizerFiles.Spm())).Header!;

        header.Metadata["tokenizer.ggml.tokens"].Should().Be(new Pipeline.Core.Weights.GgufArrayLength(8, 13));
        GgufTokenizerReader.Read(header).Problem!.Message.Should().Contain("was not kept");
    }
}
