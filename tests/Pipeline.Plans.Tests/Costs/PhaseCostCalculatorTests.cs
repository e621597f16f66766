using Pipeline.Plans.Catalog;
using Pipeline.Plans.Costs;

namespace Pipeline.Plans.Tests.Costs;

public sealed class PhaseCostCalculatorTests
{
    // 1 layer, hidden 8, 2 heads of 4, 1 KV head (kv dim 4), ffn 16, vocab 10, f32 (4 bytes).
    private static readonly ModelArchitecture Tiny = new(1, 8, 2, 1, 16, 10, 64, 10_000, 1e-5, DType.F32);

    [Fact]
    public void Per_layer_costs_of_a_tiny_model_match_the_hand_worked_counts()
    {
        // Prefill of 3 tokens (6 causal pairs, 3 KV tokens read); decode at context 4 (4 pairs, 4 KV tokens read).
        var costs = PhaseCostCalculator.Compute(Tiny, accelerator: null, tensorParallel: 1, promptTokens: 3, contextTokens: 4);

        costs.PerLayer.Select(o => o.Name).Should().Equal(
            "attn_norm", "qkv_proj", "rope", "attention", "o_proj", "attn_residual",
            "ffn_norm", "mlp_gate_up", "swiglu", "mlp_down", "ffn_residual");
        // name, prefill FLOPs, prefill bytes, decode FLOPs, decode bytes -- worked out by hand:
        //   attn_norm  4*T*d,           (2*T*d + d)*4
        //   qkv_proj   2*T*d*(d+2kv),   (d*(d+2kv) + T*d + T*(d+2kv))*4
        //   rope       3*T*(d+kv),      2*T*(d+kv)*4
        //   attention  4*hd*pairs*H,    (2*T*d + 2*T*kv + 2*kvRead*kv)*4
        //   o_proj     2*T*d*d,         (d*d + 2*T*d)*4
        //   residual   T*d,             3*T*d*4
        //   gate_up    2*T*d*2f,        (2*d*f + T*d + 2*T*f)*4
        //   swiglu     5*T*f,           3*T*f*4
        //   down       2*T*f*d,         (f*d + T*f + T*d)*4
        var expected = new (string, double, double, double, double)[]
        {
            ("attn_norm", 96, 224, 32, 96),
            ("qkv_proj", 768, 800, 256, 608),
            ("rope", 108, 288, 36, 96),
            ("attention", 192, 384, 128, 224),
            ("o_proj", 384, 448, 128, 320),
            ("attn_residual", 24, 288, 8, 96),
            ("ffn_norm", 96, 224, 32, 96),
            ("mlp_gate_up", 1536, 1504, 512, 1184),
            ("swiglu", 240, 576, 80, 192),
            ("mlp_down", 768, 800, 256, 608),
            ("ffn_residual", 24, 288, 8, 96),
        };
        costs.PerLayer.Select(o => (o.Name, o.PrefillFlops, o.PrefillBytes, o.DecodeFlops, o.DecodeBytes))
            .Should().Equal(expected);
    }

    [Fact]
    public void Totals_of_a_tiny_model_add_embedding_final_norm_and_a_one_position_lm_head()
    {
        var costs = PhaseCostCalculator.Compute(Tiny, null, 1, 3, 4);

        // Layer sums 4236 FLOP / 5824 B; embedding 0 / 2*3*8*4; final norm 96 / 224; LM head 2*8*10 / (80+8+10)*4.
        costs.Prefill.Flops.Should().Be(4236 + 96 + 160);
        costs.Prefill.Bytes.Should().Be(5824 + 192 + 224 + 392);
        // Layer sums 1476 / 3616; embedding 0 / 64; final norm 32 / 96; LM head 160 / 392.
        costs.Decode.Flops.Should().Be(1476 + 32 + 160);
        costs.Decode.Bytes.Should().Be(3616 + 64 + 96 + 392);
        costs.ReferencePromptTokens.Should().Be(3);
        costs.ReferenceContextTokens.Should().Be(4);
    }

    [Fact]
    public void Llama_2_70b_prefill_is_compute_bound_and_decode_is_memory_bound_on_h100()
    {
        ModelCatalog.TryGet("llama-2-70b", out var model).Should().BeTrue();
        AcceleratorCatalog.TryGet("h100-sxm", out var h100).Should().BeTrue();

        var costs = PhaseCostCalculator.Compute(model!, h100, tensorParallel: 1, promptTokens: 1000, contextTokens: 1000);

        costs.Prefill.RidgePoint.Should().BeApproximately(295.3, 0.1);
        costs.Prefill.ArithmeticIntensity.Should().BeGreaterThan(costs.Prefill.RidgePoint!.Value);
        costs.Prefill.IsComputeBound.Should().BeTrue();
        costs.Decode.ArithmeticIntensity.Should().BeLessThan(costs.Decode.RidgePoint!.Value / 100, "batch-1 decode is far below the ridge");
        costs.Decode.IsComputeBound.Should().BeFalse();
    }

    [Fact]
    public void Decode_flops_are_about_twice_the_parameters_and_bytes_about_the_weights()
    {
        ModelCatalog.TryGet("llama-2-70b", out var model).Should().BeTrue();

        var costs = PhaseCostCalculator.Compute(model!, null, 1, 1000, 1000);

        costs.Decode.Flops.Should().BeApproximately(2.0 * model!.Parameters, 0.03 * 2 * model.Parameters);
        costs.Decode.Bytes.Should().BeApproximately(model.WeightBytes, 0.03 * model.WeightBytes);
        costs.Prefill.Flops.Should().BeApproximately(2.0 * model.Parameters * 1000, 0.05 * 2 * model.Parameters * 1000);
    }

    [Fact]
    public void Tensor_parallel_halves_sharded_work_and_keeps_replicated_norms()
    {
        ModelCatalog.TryGet("llama-3.1-8b", out var model).Should().BeTrue();

        var one = PhaseCostCalculator.Compute(model!, null, 1, 512, 1024).PerLayer.ToDictionary(o => o.Name);
        var two = PhaseCostCalculator.Compute(model!, null, 2, 512, 1024).PerLayer.ToDictionary(o => o.Name);

        foreach (var name in new[] { "qkv_proj", "rope", "attention", "mlp_gate_up", "swiglu", "mlp_down", "o_proj" })
        {
            two[name].PrefillFlops.Should().Be(one[name].PrefillFlops / 2, name);
            two[name].DecodeFlops.Should().Be(one[name].DecodeFlops / 2, name);
        }

        two["attn_norm"].Should().Be(one["attn_norm"]);
        two["ffn_residual"].Should().Be(one["ffn_residual"]);
    }

    [Fact]
    public void Longer_decode_context_only_adds_attention_work()
    {
        ModelCatalog.TryGet("llama-3.1-8b", out var model).Should().BeTrue();

        var shortContext = PhaseCostCalculator.Compute(model!, null, 1, 128, 1000);
        var longContext = PhaseCostCalculator.Compute(model!, null, 1, 128, 2000);

        var extraFlops = longContext.Decode.Flops - shortContext.Decode.Flops;
        extraFlops.Should().Be(4.0 * model!.HeadDim * 1000 * model.Heads * model.Layers);
        var extraBytes = longContext.Decode.Bytes - shortContext.Decode.Bytes;
        extraBytes.Should().Be(1000.0 * model.KvBytesPerToken, "each extra context token's K and V are read once");
    }

    [Fact]
    public void Model_totals_are_layers_times_the_per_layer_table_plus_final_norm_and_lm_head()
    {
        ModelCatalog.TryGet("llama-2-7b", out var model).Should().BeTrue();
        var m = model!;

        var costs = PhaseCostCalculator.Compute(m, null, 1, 256, 300);

        var layerFlops = costs.PerLayer.Sum(o => o.PrefillFlops) * m.Layers;
        var modelLevelFlops = 4.0 * 256 * m.Hidden + 2.0 * m.Hidden * m.Vocab; // final norm over 256 tokens, LM head at 1
        costs.Prefill.Flops.Should().Be(layerFlops + modelLevelFlops);
        var decodeLayerFlops = costs.PerLayer.Sum(o => o.DecodeFlops) * m.Layers;
        costs.Decode.Flops.Should().Be(decodeLayerFlops + 4.0 * m.Hidden + 2.0 * m.Hidden * m.Vocab);
    }

    [Fact]
    public void Without_an_accelerator_the_roofline_verdict_is_unknown()
    {
        var costs = PhaseCostCalculator.Compute(Tiny, null, 1, 3, 4);

        costs.Prefill.RidgePoint.Should().BeNull();
        costs.Prefill.IsComputeBound.Should().BeNull();
        costs.Decode.IsComputeBound.Should().BeNull();
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 0, 1)]
    [InlineData(1, 1, 0)]
    public void Non_positive_counts_are_bugs(int tp, int prompt, int context)
    {
        var act = () => PhaseCostCalculator.Compute(Tiny, null, tp, prompt, context);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
