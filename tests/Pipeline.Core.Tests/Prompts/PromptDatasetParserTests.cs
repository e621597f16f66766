using Pipeline.Core.Prompts;

namespace Pipeline.Core.Tests.Prompts;

public sealed class PromptDatasetParserTests
{
    [Fact]
    public void Rows_keep_their_line_prompt_and_optional_output_and_blank_lines_and_extra_fields_are_skipped()
    {
        var result = PromptDatasetParser.Parse("{\"prompt\": \"a\\nb\", \"output_tokens\": 5}\r\n\r\n{\"prompt\": \"c\", \"id\": 7, \"output_tokens\": null}\n");

        result.Success.Should().BeTrue();
        result.Rows.Should().Equal(new PromptRow(1, "a\nb", 5), new PromptRow(3, "c", null));
    }

    [Fact]
    public void Past_twenty_bad_lines_one_summary_line_counts_the_rest()
    {
        var result = PromptDatasetParser.Parse(string.Join("\n", Enumerable.Repeat("{}", 25)));

        result.Problems.Should().HaveCount(21);
        result.Problems[0].Should().Be(new PromptDatasetProblem(1, "line 1 has no \"prompt\""));
        result.Problems[^1].Message.Should().Be("and 5 more bad lines");
    }

    [Fact]
    public void A_file_of_blank_lines_is_empty_not_bad()
    {
        PromptDatasetParser.Parse("\n \n").Problems.Should().ContainSingle().Which.Empty.Should().BeTrue();
    }

    [Theory]
    [InlineData("abcdefgh", 2)] // 8 bytes
    [InlineData("abcdefghi", 3)] // 9 bytes round up
    [InlineData("é", 1)] // 2 bytes
    [InlineData("你好", 2)] // 6 bytes
    public void Without_a_tokenizer_a_prompt_is_one_token_per_four_utf8_bytes_rounded_up(string prompt, int tokens)
    {
        PromptTokens.Estimate(prompt).Should().Be(tokens);
    }
}
