using Pipeline.Plans.Catalog;
using Pipeline.Plans.Costs;

namespace Pipeline.Plans.Tests.Costs;

/// <summary>The prefill ceiling against hand-counted parameters.</summary>
public sealed class PrefillCeilingTests
{
    [Fact]
    public void Gemm_flops_per_token_are_twice_the_layer_weights_of_llama_3_1_8b()
    {
        // By hand: per layer QKV 4096 x (4096 + 2 x 1024), output 4096 x 4096, gate, up and down 3 x 4096 x 14336:
        // 218,103,808 weights, x 32 layers = 6,979,321,856 (8.03B parameters less the two 128256 x 4096 embeddings
        // and the norms), two FLOPs each.
        ModelCatalog.TryGet("llama-3.1-8b", out var model).Should().BeTrue();
        PrefillCeiling.GemmFlopsPerToken(model!).Should().Be(2.0 * 6_979_321_856);
    }

    [Fact]
    public void A_pool_prefills_at_most_its_accelerators_peak_over_the_flops_per_token()
    {
        ModelCatalog.TryGet("llama-3.1-8b", out var model).Should().BeTrue();
        AcceleratorCatalog.TryGet("h100-sxm", out var h100).Should().BeTrue();
        var pool = new WorkerPoolPlan(PoolRole.Colocated, 2, 2, h100!, new KvCacheGeometry(1, 16, 1), 1);
        // 2 workers x 2 shards x 989.4 TFLOPS / 13.96 GFLOP per token = 283,523 tokens per second.
        PrefillCeiling.TokensPerSecond(model!, pool).Should().BeApproximately(4 * 989.4e12 / 13_958_643_712, 1e-6);
        PrefillCeiling.TokensPerSecond(model!, pool).Should().BeInRange(283_000, 284_000);
    }

    [Fact]
    public void Catalogue_prices_are_the_listed_instance_price_per_accelerator()
    {
        AcceleratorPrices.Of("h100-sxm")!.UsdPerHour.Should().Be(49.24 / 8);
        AcceleratorPrices.Of("gb200")!.UsdPerHour.Should().Be(10.5);
        AcceleratorPrices.Of("h100-nvl").Should().BeNull();
        AcceleratorCatalog.TryGet("mi300x", out var mi300x).Should().BeTrue();
        mi300x!.Price!.UsdPerHour.Should().Be(6);
    }
}
