using Pipeline.Plans.Catalog;
using Pipeline.Plans.Costs;

namespace Pipeline.Plans.Tests.Costs;

public sealed class RooflineModelTests
{
    private static ModelArchitecture Llama8b => ModelCatalog.TryGet("llama-3.1-8b", out var m) ? m : throw new InvalidOperationException();

    private static AcceleratorSpec H100 => AcceleratorCatalog.TryGet("h100-sxm", out var a) ? a : throw new InvalidOperationException();

    [Fact]
    public void A_single_sequence_step_costs_the_same_as_the_phase_calculator()
    {
        var phases = PhaseCostCalculator.Compute(Llama8b, H100, 1, 700, 900);

        var prefill = RooflineModel.StepCost(Llama8b, 1, [new SequenceWork(700, 0)]);
        var decode = RooflineModel.StepCost(Llama8b, 1, [new SequenceWork(1, 899)]);

        prefill.Should().Be(new StepCost(phases.Prefill.Flops, phases.Prefill.Bytes));
        decode.Should().Be(new StepCost(phases.Decode.Flops, phases.Decode.Bytes));
    }

    [Fact]
    public void A_decode_batch_reads_the_weights_once()
    {
        var one = RooflineModel.StepCost(Llama8b, 1, [new SequenceWork(1, 100)]);
        var eight = RooflineModel.StepCost(Llama8b, 1, Enumerable.Repeat(new SequenceWork(1, 100), 8).ToArray());

        eight.Flops.Should().BeApproximately(8 * one.Flops, 1e-6 * eight.Flops);
        eight.Bytes.Should().BeLessThan(1.1 * one.Bytes);
        eight.ArithmeticIntensity.Should().BeGreaterThan(7 * one.ArithmeticIntensity);
    }

    [Fact]
    public void Chunked_prefill_does_the_same_causal_attention_work_as_one_prefill()
    {
        var whole = RooflineModel.StepCost(Llama8b, 1, [new SequenceWork(1000, 0)]);
        var first = RooflineModel.StepCost(Llama8b, 1, [new SequenceWork(500, 0)]);
        var second = RooflineModel.StepCost(Llama8b, 1, [new SequenceWork(500, 500)]);

        // Everything but the LM head is linear in tokens and causal pairs; each chunk samples one position.
        var lmHeadFlops = 2.0 * Llama8b.Hidden * Llama8b.Vocab;
        (first.Flops + second.Flops - whole.Flops).Should().BeApproximately(lmHeadFlops, 1e-9 * whole.Flops);
        (first.Bytes + second.Bytes).Should().BeGreaterThan(whole.Bytes + 0.9 * Llama8b.WeightBytes, "weights are read once per chunk");
    }

    [Fact]
    public void Tensor_parallel_step_cost_is_per_shard()
    {
        var one = RooflineModel.StepCost(Llama8b, 1, [new SequenceWork(1, 2000)]);
        var four = RooflineModel.StepCost(Llama8b, 4, [new SequenceWork(1, 2000)]);

        four.Flops.Should().BeApproximately(one.Flops / 4, 0.01 * one.Flops);
        four.Bytes.Should().BeApproximately(one.Bytes / 4, 0.01 * one.Bytes);
    }

    [Fact]
    public void Step_seconds_is_the_binding_resource()
    {
        var memoryBound = new StepCost(Flops: 1e12, Bytes: 3.35e12);
        var computeBound = new StepCost(Flops: 989.4e12, Bytes: 1e9);

        RooflineModel.StepSeconds(memoryBound, H100, DType.BF16).Should().BeApproximately(1.0, 1e-12);
        RooflineModel.StepSeconds(computeBound, H100, DType.BF16).Should().BeApproximately(1.0, 1e-12);
        RooflineModel.StepSeconds(new StepCost(0, 0), H100, DType.BF16).Should().Be(0);
    }

    [Fact]
    public void Empty_batch_costs_nothing_and_an_unsupported_type_is_a_bug()
    {
        RooflineModel.StepCost(Llama8b, 1, []).Should().Be(new StepCost(0, 0));
        AcceleratorCatalog.TryGet("a100-80gb", out var a100).Should().BeTrue();

        var act = () => RooflineModel.StepSeconds(new StepCost(1, 1), a100!, DType.FP8);

        act.Should().Throw<ArgumentException>().WithMessage("*fp8*");
    }
}
