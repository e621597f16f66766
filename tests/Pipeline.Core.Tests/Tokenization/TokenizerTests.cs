using Pipeline.Core.Tokenization;

namespace Pipeline.Core.Tests.Tokenization;

/// <summary>Hand-worked encodings and decodings on tiny vocabularies (the llama.cpp parity suite lives in Engine.Tests).</summary>
public sealed class TokenizerTests
{
    private static readonly Tokenizer Spm = Tokenizer.Create(TokenizerFiles.Read(TokenizerFiles.Spm()).Vocabulary!);

    // Byte alphabet: 'a' 'b' 'c' are themselves, a space is 'Ġ' (U+0120).
    private static readonly Tokenizer Bpe = Tokenizer.Create(new TokenizerVocabulary(
        TokenizerModel.Gpt2, "gpt-2", ["a", "b", "c", "Ġ", "ab", "Ġab", "abc", "?"], [], [], ["a b", "Ġ ab", "ab c"]));

    [Fact]
    public void Sentencepiece_merges_the_highest_scoring_pair_first()
    {
        // "▁abc": ab (-1) beats ▁a (-3) and bc (-4); then ▁ab (-2). Merging bc first would give ▁a|bc.
        Spm.Encode("abc").Should().Equal(1, 11, 8);
    }

    [Fact]
    public void Sentencepiece_writes_characters_outside_the_vocabulary_as_byte_tokens()
    {
        Spm.Encode("é").Should().Equal(1, 5, 3, 4); // <s> ▁ <0xC3> <0xA9>
    }

    [Fact]
    public void A_byte_without_a_byte_token_becomes_the_unknown_token()
    {
        Spm.Encode("x", addSpecial: false).Should().Equal(5, 0);
    }

    [Fact]
    public void Special_tokens_in_text_are_parsed_only_when_asked_and_text_after_them_gets_a_space()
    {
        Spm.Encode("a<s>a", addSpecial: false, parseSpecial: true).Should().Equal(9, 1, 9); // ▁a <s> ▁a
        Spm.Encode("a", addSpecial: false).Should().Equal(9);
    }

    [Fact]
    public void Decoding_drops_the_leading_space_the_encoder_added_and_joins_byte_tokens()
    {
        Spm.Decode([11, 8]).Should().Be("abc");
        Spm.Decode([5, 3, 4]).Should().Be("é");
        Spm.Decode([1, 9], unparseSpecial: true).Should().Be("<s> a");
    }

    [Fact]
    public void Bpe_merges_by_rank_not_by_position()
    {
        // "Ġabc": a b (rank 0), then Ġ ab (rank 1) before ab c (rank 2).
        Bpe.Encode(" abc").Should().Equal(5, 2);
    }

    [Fact]
    public void Bpe_decoding_maps_the_byte_alphabet_back_and_cleans_the_space_before_punctuation()
    {
        Bpe.Decode([5, 3, 7]).Should().Be(" ab?"); // " ab" + " " + "?" : the space before '?' goes
    }

    [Fact]
    public void The_text_stream_holds_a_character_back_until_its_bytes_are_complete()
    {
        var stream = new TextStream(Spm);

        stream.Add(9).Should().Be(" a");
        stream.Add(3).Should().BeEmpty();
        stream.Add(4).Should().Be("é");
        stream.Add(3).Should().BeEmpty();
        stream.Flush().Should().Be("\uFFFD");
    }
}
