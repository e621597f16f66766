using Pipeline.Plans.Catalog;
using Pipeline.Plans.Costs.Prediction;

namespace Pipeline.Plans.Tests.Costs;

public sealed class ExecutionTimePredictorTests
{
    // Llama 2 70B's shape in fp8 and a tiny model whose kernels are all far shorter than a launch.
    private static readonly ModelArchitecture Llama70B = new(80, 8192, 64, 8, 28672, 32000, 4096, 10000, 1e-5, DType.FP8);
    private static readonly ModelArchitecture Tiny = new(3, 64, 4, 2, 128, 256, 1024, 10000, 1e-5, DType.F16);

    private static AcceleratorSpec H200 => AcceleratorCatalog.TryGet("h200", out var s) ? s! : throw new InvalidOperationException();

    private static StepShape Decodes(int batch, int context)
    {
        var shape = default(StepShape);
        for (var i = 0; i < batch; i++) shape.Add(1, context - 1);
        return shape;
    }

    private static StepShape Prefill(int tokens)
    {
        var shape = default(StepShape);
        shape.Add(tokens, 0);
        return shape;
    }

    [Fact]
    public void A_batch_one_decode_streams_the_weights_once_at_the_sustained_bandwidth()
    {
        var h200 = H200 with { Cost = H200.Cost with { StepOverhead = 0, SequenceOverhead = 0, KernelLaunch = 0, GemmSerialShare = 0 } };
        var seconds = new ExecutionTimePredictor(Llama70B, h200, 1).Seconds(Decodes(1, 1));
        // By hand: 69.0e9 weights of 1 byte (Llama 2 70B) at 4.8 TB/s x 0.85 = 16.9 ms; the LM head is 2% of the
        // bytes but only its last row is used, which the operator model counts in full: within 3%.
        var weightSeconds = 68.98e9 / (4.8e12 * h200.Cost.BandwidthEfficiency);
        seconds.Should().BeApproximately(weightSeconds, weightSeconds * 0.03);
    }

    [Fact]
    public void A_long_prefill_is_compute_bound_at_two_flops_per_parameter_per_token()
    {
        var h200 = H200 with { Cost = H200.Cost with { StepOverhead = 0, SequenceOverhead = 0 } };
        var prediction = new ExecutionTimePredictor(Llama70B, h200, 1).Explain(Prefill(4096));
        // By hand: 2 x 68.98e9 x 4096 = 565 TFLOP at 1,978.9 TFLOPS x gemm_efficiency (4096 tokens fill 32 tiles
        // exactly; the waves of 132 units cost a few percent more); attention adds ~5% at 4096 tokens.
        var gemmSeconds = 2 * 68.98e9 * 4096 / (1978.9e12 * h200.Cost.GemmEfficiency);
        prediction.Seconds.Should().BeInRange(gemmSeconds, gemmSeconds * 1.25);
        prediction.Operators.Where(o => o.Name is "qkv_proj" or "o_proj" or "mlp_gate_up" or "mlp_down")
            .Should().OnlyContain(o => o.Bound == "compute");
        prediction.Operators.Single(o => o.Name == "attention_prefill").Bound.Should().Be("compute");
    }

    private static AcceleratorSpec B200 => AcceleratorCatalog.TryGet("b200", out var s) ? s! : throw new InvalidOperationException();

    [Fact]
    public void An_fp4_batch_one_decode_streams_nine_sixteenths_of_a_byte_per_weight()
    {
        var b200 = B200 with { Cost = B200.Cost with { StepOverhead = 0, SequenceOverhead = 0, KernelLaunch = 0, GemmSerialShare = 0 } };
        var seconds = new ExecutionTimePredictor(Llama70B with { WeightType = DType.FP4 }, b200, 1).Seconds(Decodes(1, 1));
        // By hand: 68.98e9 weights x 9/16 byte = 38.8 GB at 8 TB/s x 0.85 = 5.71 ms (within 3%, as the fp8 case above).
        var weightSeconds = 68.98e9 * 9 / 16 / (8e12 * b200.Cost.BandwidthEfficiency);
        seconds.Should().BeApproximately(weightSeconds, weightSeconds * 0.03);
    }

    [Fact]
    public void An_fp4_prefill_runs_its_gemms_at_the_fp4_rate_and_attention_at_the_fp8_rate()
    {
        var b200 = B200 with { Cost = B200.Cost with { StepOverhead = 0, SequenceOverhead = 0, GemmSerialShare = 0 } };
        var fp8 = new ExecutionTimePredictor(Llama70B, b200, 1).Explain(Prefill(4096));
        var fp4 = new ExecutionTimePredictor(Llama70B with { WeightType = DType.FP4 }, b200, 1).Explain(Prefill(4096));
        double Op(StepPrediction p, string name) => p.Operators.Single(o => o.Name == name).Seconds;

        // Compute-bound: the same FLOPs at 9 PFLOPS (fp4) instead of 4.5 (fp8) take half the time.
        Op(fp4, "mlp_gate_up").Should().BeApproximately(Op(fp8, "mlp_gate_up") / 2, Op(fp8, "mlp_gate_up") * 1e-9);
        // By hand: 2 x 4096 x 8192 x 57,344 FLOPs per layer x 80 layers / (9e15 x gemm_efficiency).
        var gateUp = 2.0 * 4096 * 8192 * 57344 * 80 / (9e15 * b200.Cost.GemmEfficiency);
        Op(fp4, "mlp_gate_up").Should().BeInRange(gateUp, gateUp * 1.1, "4096 tokens fill whole tiles; the last wave costs a little");
        Op(fp4, "attention_prefill").Should().Be(Op(fp8, "attention_prefill"));
    }

    [Fact]
    public void Host_stalls_lengthen_the_step_and_each_stage_by_their_share()
    {
        var cost = H200.Cost;
        double Step(double share, StepShape shape) =>
            new ExecutionTimePredictor(Llama70B, H200 with { Cost = cost with { HostStallShare = share } }, 1).Seconds(shape);

        foreach (var shape in new[] { Prefill(1024), Decodes(64, 900) })
        {
            var clean = Step(0, shape);
            Step(0.08, shape).Should().BeApproximately(1.08 * clean, clean * 1e-12);
            var explained = new ExecutionTimePredictor(Llama70B, H200 with { Cost = cost with { HostStallShare = 0.08 } }, 1).Explain(shape);
            explained.Operators.Single(o => o.Name == "host_stalls").Seconds.Should().BeApproximately(0.08 * clean, clean * 1e-12);
            explained.Operators.Sum(o => o.Seconds).Should().BeApproximately(explained.Seconds, clean * 1e-12);
            new ExecutionTimePredictor(Llama70B, H200, 1).Explain(shape).Operators.Should().NotContain(o => o.Name == "host_stalls");
        }

        // Two pipeline stages: each stage's time, and the host's, grows by the same share.
        var stalled = new ExecutionTimePredictor(Llama70B, H200 with { Cost = cost with { HostStallShare = 0.25 } }, 1, 2);
        var plain = new ExecutionTimePredictor(Llama70B, H200, 1, 2);
        Span<double> a = stackalloc double[2], b = stackalloc double[2];
        var stalledHost = stalled.Stages(Prefill(512), a);
        var plainHost = plain.Stages(Prefill(512), b);
        plainHost.Should().BePositive();
        stalledHost.Should().BeApproximately(1.25 * plainHost, plainHost * 1e-12);
        a[0].Should().BeApproximately(1.25 * b[0], b[0] * 1e-12);
        a[1].Should().BeApproximately(1.25 * b[1], b[1] * 1e-12);
    }

    [Fact]
    public void A_gemm_adds_its_serial_share_of_the_shorter_of_its_compute_and_weight_streaming_times()
    {
        // One-token tiles (no wave quantisation to speak of), no host: only the serial share moves the GEMM.
        var cost = CostParameters.Ideal with { GemmEfficiency = 0.8 };
        StepPrediction At(double share, StepShape shape) =>
            new ExecutionTimePredictor(Llama70B, H200 with { Cost = cost with { GemmSerialShare = share } }, 1).Explain(shape);
        static double Op(StepPrediction p, string name) => p.Operators.Single(o => o.Name == name).Seconds;

        // Compute-bound: 1,024 prompt tokens. By hand: 2 x 1024 x 8192 x 57,344 FLOPs x 80 layers at 1,978.9 TFLOPS x 0.8.
        // (The last of the waves of 132 one-token tiles costs a few parts in a million.)
        var compute = 2.0 * 1024 * 8192 * 57344 * 80 / (1978.9e12 * 0.8);
        var overlapped = Op(At(0, Prefill(1024)), "mlp_gate_up");
        overlapped.Should().BeApproximately(compute, compute * 1e-5);
        // Fully serial adds the weight streaming: at least the 8192 x 57,344 fp8 weights of 80 layers at 4.8 TB/s (7.83 ms),
        // at most that plus the activations in and out at 2 bytes (10.7 GB more).
        var streaming = Op(At(1, Prefill(1024)), "mlp_gate_up") - overlapped;
        streaming.Should().BeInRange(8192.0 * 57344 * 80 / 4.8e12, (8192.0 * 57344 + 2.0 * 1024 * (8192 + 57344)) * 80 / 4.8e12);
        // Half serial adds half of it; operators that are not GEMMs do not change.
        Op(At(0.5, Prefill(1024)), "mlp_gate_up").Should().BeApproximately(overlapped + streaming / 2, compute * 1e-9);
        Op(At(1, Prefill(1024)), "attention_prefill").Should().Be(Op(At(0, Prefill(1024)), "attention_prefill"));
        // Memory-bound decode: the share of the (shorter) compute time is what is added.
        var decode0 = Op(At(0, Decodes(4, 100)), "mlp_gate_up");
        var decode1 = Op(At(1, Decodes(4, 100)), "mlp_gate_up");
        (decode1 - decode0).Should().BeApproximately(2.0 * 4 * 8192 * 57344 * 80 / (1978.9e12 * 0.8), decode0 * 1e-4);
        At(1, Decodes(4, 100)).Operators.Single(o => o.Name == "mlp_gate_up").Bound.Should().Be("memory");
    }

    [Fact]
    public void Small_decode_gemms_are_memory_bound_and_large_batches_turn_them_compute_bound()
    {
        var predictor = new ExecutionTimePredictor(Llama70B, H200, 1);
        predictor.Explain(Decodes(8, 512)).Operators.Single(o => o.Name == "mlp_gate_up").Bound.Should().Be("memory");
        predictor.Explain(Decodes(1024, 512)).Operators.Single(o => o.Name == "mlp_gate_up").Bound.Should().Be("compute");
        predictor.Explain(Decodes(64, 512)).Operators.Single(o => o.Name == "attention_decode").Bound.Should().Be("memory");
    }

    [Fact]
    public void Step_time_never_falls_as_the_decode_batch_or_the_context_grows()
    {
        var predictor = new ExecutionTimePredictor(Llama70B, H200, 1);
        var byBatch = new[] { 1, 2, 8, 32, 100, 128, 129, 256, 512, 1024 }.Select(b => predictor.Seconds(Decodes(b, 600))).ToArray();
        byBatch.Zip(byBatch.Skip(1), (a, b) => b >= a).Should().OnlyContain(ok => ok);
        var byContext = new[] { 2, 64, 512, 2048, 4096 }.Select(c => predictor.Seconds(Decodes(64, c))).ToArray();
        byContext.Zip(byContext.Skip(1), (a, b) => b > a).Should().OnlyContain(ok => ok);
    }

    [Fact]
    public void Tensor_parallelism_adds_two_ring_all_reduces_of_the_activations_per_layer()
    {
        var h100 = AcceleratorCatalog.TryGet("h100-sxm", out var s) ? s! : throw new InvalidOperationException();
        var prediction = new ExecutionTimePredictor(Llama70B, h100, 2).Explain(Decodes(100, 400));
        // By hand: 100 tokens x 8192 x 2 bytes (16-bit activations) = 1.6384 MB per all-reduce; a ring of two moves it
        // once each way over 450 GB/s x 0.8 per direction, after 2 hops of 8 us: 2 x 8 us + 1.6384e6 / 360e9.
        var one = 2 * h100.Cost.LinkLatency + 1.6384e6 / (450e9 * h100.Cost.LinkEfficiency);
        prediction.Operators.Single(o => o.Name == "all_reduce").Seconds.Should().BeApproximately(2 * 80 * one, 1e-12);
        new ExecutionTimePredictor(Llama70B, h100, 1).Explain(Decodes(100, 400)).Operators.Should().NotContain(o => o.Name == "all_reduce");
    }

    [Fact]
    public void Kernels_shorter_than_a_launch_cost_one_launch_each_and_fusion_removes_four_per_layer()
    {
        var eager = new CostParameters(1, 1, 1, 1, 1, 0, KernelLaunch: 1e-3, StepOverhead: 0, SequenceOverhead: 0, 0.9,
            GraphCapture: false, KernelFusion.Unfused, 1, 1);
        var spec = H200 with { Cost = eager };
        // By hand: 11 operators per layer (attention is one decode kernel here) x 3 layers + embedding, final norm, LM head.
        new ExecutionTimePredictor(Tiny, spec, 1).Seconds(Decodes(2, 10)).Should().BeApproximately((11 * 3 + 3) * 1e-3, 1e-9);
        // Fused: RoPE, SwiGLU and both residual adds ride in other kernels: 7 per layer.
        var fused = spec with { Cost = eager with { Fusion = KernelFusion.Fused } };
        new ExecutionTimePredictor(Tiny, fused, 1).Seconds(Decodes(2, 10)).Should().BeApproximately((7 * 3 + 3) * 1e-3, 1e-9);
        // A mixed step runs the context and the generation attention kernels: one more per layer.
        var mixed = Decodes(2, 10);
        mixed.Add(5, 0);
        new ExecutionTimePredictor(Tiny, fused, 1).Seconds(mixed).Should().BeApproximately((8 * 3 + 3) * 1e-3, 1e-9);
    }

    [Fact]
    public void Graph_capture_replays_a_decode_step_for_one_launch_but_not_a_step_with_a_prefill()
    {
        var graphs = new CostParameters(1, 1, 1, 1, 1, 0, KernelLaunch: 1e-3, StepOverhead: 0, SequenceOverhead: 0, 0.9,
            GraphCapture: true, KernelFusion.Fused, 1, 1);
        var predictor = new ExecutionTimePredictor(Tiny, H200 with { Cost = graphs }, 1);
        predictor.Seconds(Decodes(2, 10)).Should().BeInRange(1e-3, 1.001e-3);
        var mixed = Decodes(2, 10);
        mixed.Add(5, 0);
        predictor.Seconds(mixed).Should().BeApproximately((8 * 3 + 3) * 1e-3, 1e-9);
    }

    [Fact]
    public void Host_overhead_is_per_step_plus_per_sequence()
    {
        var host = CostParameters.Ideal with { StepOverhead = 1e-3, SequenceOverhead = 1e-5 };
        var prediction = new ExecutionTimePredictor(Tiny, H200 with { Cost = host }, 1).Explain(Decodes(40, 10));
        prediction.Operators.Single(o => o.Name == "host").Seconds.Should().BeApproximately(1e-3 + 40 * 1e-5, 1e-15);
    }

    [Fact]
    public void A_higher_power_limit_speeds_compute_by_the_cube_root_of_the_power_ratio()
    {
        // Its own clock reference without static power, and a GEMM efficiency the boost does not cap at the datasheet.
        var cost = H200.Cost with { StepOverhead = 0, StaticPower = 0, ClockReference = null, GemmEfficiency = 0.7, AttentionEfficiency = 0.4, GemmSerialShare = 0 };
        var rated = new ExecutionTimePredictor(Llama70B, H200 with { Cost = cost }, 1);
        var boosted = new ExecutionTimePredictor(Llama70B, H200 with { Power = 1000, Cost = cost }, 1);
        var ratio = rated.Seconds(Prefill(4096)) / boosted.Seconds(Prefill(4096));
        ratio.Should().BeApproximately(Math.Cbrt(1000.0 / 700), 0.01);
        // Memory-bound decode at batch 1 does not speed up.
        (rated.Seconds(Decodes(1, 100)) / boosted.Seconds(Decodes(1, 100))).Should().BeApproximately(1, 0.01);
    }
}
