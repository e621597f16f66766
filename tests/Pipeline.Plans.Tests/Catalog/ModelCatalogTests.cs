using Pipeline.Plans.Catalog;

namespace Pipeline.Plans.Tests.Catalog;

public sealed class ModelCatalogTests
{
    [Theory]
    [InlineData("llama-2-7b", 6.7)]
    [InlineData("llama-2-13b", 13.0)]
    [InlineData("llama-2-70b", 69.0)]
    [InlineData("llama-3.1-8b", 8.0)]
    [InlineData("llama-3.1-70b", 70.6)]
    [InlineData("llama-3.1-405b", 405.0)]
    [InlineData("mistral-7b", 7.2)]
    public void Parameter_count_is_within_two_percent_of_the_published_size(string name, double billions)
    {
        ModelCatalog.TryGet(name, out var model).Should().BeTrue();

        (model!.Parameters / 1e9).Should().BeApproximately(billions, billions * 0.02);
    }

    [Fact]
    public void Every_model_has_heads_dividing_hidden_and_kv_heads_dividing_heads()
    {
        foreach (var name in ModelCatalog.Names)
        {
            ModelCatalog.TryGet(name, out var m).Should().BeTrue(name);
            (m!.Hidden % m.Heads).Should().Be(0, name);
            (m.Heads % m.KvHeads).Should().Be(0, name);
            m.WeightType.Should().Be(DType.BF16, name);
            m.NormEpsilon.Should().Be(1e-5, name);
        }
    }

    [Fact]
    public void Lists_the_seven_built_in_models_in_catalogue_order()
    {
        ModelCatalog.Names.Should().Equal(
            "llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b", "mistral-7b");
    }

    [Fact]
    public void Llama_2_70b_uses_grouped_query_attention_with_eight_kv_heads()
    {
        ModelCatalog.TryGet("llama-2-70b", out var m).Should().BeTrue();

        m.Should().Be(new ModelArchitecture(80, 8192, 64, 8, 28672, 32000, 4096, 10_000, 1e-5, DType.BF16));
        m!.HeadDim.Should().Be(128);
        m.KvBytesPerToken.Should().Be(2L * 80 * 8 * 128 * 2);
    }

    [Fact]
    public void Llama_3_1_and_mistral_carry_their_long_context_rope_bases()
    {
        ModelCatalog.TryGet("llama-3.1-405b", out var big).Should().BeTrue();
        ModelCatalog.TryGet("mistral-7b", out var mistral).Should().BeTrue();

        big!.Layers.Should().Be(126);
        big.Vocab.Should().Be(128256);
        big.ContextLength.Should().Be(131072);
        big.RopeTheta.Should().Be(500_000);
        mistral!.ContextLength.Should().Be(32768);
        mistral.RopeTheta.Should().Be(1_000_000);
    }

    [Theory]
    [InlineData("llama-2-70B")]
    [InlineData("gpt-4")]
    [InlineData("")]
    public void Unknown_or_differently_cased_names_are_not_found(string name)
    {
        ModelCatalog.TryGet(name, out var model).Should().BeFalse();
        model.Should().BeNull();
    }
}
