using Pipeline.Language.Text;

namespace Pipeline.Language.Tests;

public sealed class SuggestionTests
{
    private static readonly string[] Accelerators = ["h100-sxm", "h200", "a100-80gb", "mi300x", "b200", "l40s"];

    [Theory]
    [InlineData("h100", "h100-sxm")]
    [InlineData("h100-sx", "h100-sxm")]
    [InlineData("H200", "h200")]
    [InlineData("mi300", "mi300x")]
    [InlineData("l40", "l40s")]
    public void Suggests_the_accelerator_meant(string typo, string meant) =>
        Suggestions.Closest(typo, Accelerators).Should().Be(meant);

    [Theory]
    [InlineData("max_btch", "max_batch")]
    [InlineData("max_bacth", "max_batch")]
    [InlineData("kvblock", "kv_block")]
    public void Suggests_settings_within_a_few_edits(string typo, string meant) =>
        Suggestions.Closest(typo, ["max_batch", "max_batched_tokens", "max_wait", "kv_block", "policy"]).Should().Be(meant);

    [Fact]
    public void Suggests_nothing_for_a_word_far_from_every_candidate() =>
        Suggestions.Closest("throughput", ["ttft", "tpot"]).Should().BeNull();

    [Fact]
    public void Counts_a_swap_of_neighbours_as_one_edit() =>
        Suggestions.Distance("tpot", "ptot").Should().Be(1);
}
