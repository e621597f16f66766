using Pipeline.Plans.Catalog;
using Pipeline.Plans.Costs;
using Pipeline.Plans.Costs.Prediction;

namespace Pipeline.Plans.Tests.Costs;

public sealed class PipelineParallelTests
{
    // 3 layers, hidden 64, f16: every kernel is far shorter than the 1 ms launch below, so each costs exactly one launch.
    private static readonly ModelArchitecture Tiny = new(3, 64, 4, 2, 128, 256, 1024, 10000, 1e-5, DType.F16);

    // Eager, unfused, no host time; 0.5 ms per hop inside a node, 2 ms and 1 MB/s between nodes (easy to divide by).
    private static readonly CostParameters Eager = new(1, 1, 1, 1, 1, LinkLatency: 0.5e-3, KernelLaunch: 1e-3, StepOverhead: 0,
        SequenceOverhead: 0, 0.9, GraphCapture: false, KernelFusion.Unfused, 1, 1, NodeSize: 8, NetworkBandwidth: 1e6, NetworkLatency: 2e-3);

    private static AcceleratorSpec H200 => AcceleratorCatalog.TryGet("h200", out var s) ? s! : throw new InvalidOperationException();

    private static StepShape Prefill(int tokens)
    {
        var shape = default(StepShape);
        shape.Add(tokens, 0);
        return shape;
    }

    [Theory]
    [InlineData(80, 2, new[] { 40, 40 })]
    [InlineData(10, 4, new[] { 2, 3, 3, 2 })] // vLLM: 2 each, the remainder 2 to the second-to-last and the one before
    [InlineData(5, 2, new[] { 3, 2 })]
    [InlineData(3, 3, new[] { 1, 1, 1 })]
    [InlineData(7, 1, new[] { 7 })]
    public void Layers_split_as_evenly_as_possible_with_the_remainder_kept_off_the_last_stage(int layers, int stages, int[] expected) =>
        PipelineStages.Layers(layers, stages).Should().Equal(expected);

    [Fact]
    public void Sends_and_rings_cross_nodes_only_where_accelerator_numbering_does()
    {
        // tp 4 on nodes of 8: stages 0 and 1 share node 0 (accelerators 0-3, 4-7); stage 1 sends to node 1.
        PipelineStages.SendCrossesNodes(0, 4, 8).Should().BeFalse();
        PipelineStages.SendCrossesNodes(1, 4, 8).Should().BeTrue();
        PipelineStages.StageSpansNodes(1, 4, 8).Should().BeFalse();
        // tp 16 on nodes of 8: every stage's ring spans two nodes.
        PipelineStages.StageSpansNodes(0, 16, 8).Should().BeTrue();
        // tp 3 on nodes of 4: stage 1 is accelerators 3-5, split over nodes 0 and 1.
        PipelineStages.StageSpansNodes(1, 3, 4).Should().BeTrue();
    }

    [Fact]
    public void A_stage_runs_its_layers_kernels_plus_the_embedding_or_the_head_plus_the_send_to_the_next_stage()
    {
        var predictor = new ExecutionTimePredictor(Tiny, H200 with { Cost = Eager }, 1, pipelineParallel: 3);
        Span<double> stages = stackalloc double[3];
        var host = predictor.Stages(Prefill(8), stages);
        // By hand: 11 kernels per layer, one layer per stage; the first adds the embedding, the last the final norm and
        // LM head. A send moves 8 tokens x 64 x 2 B = 1,024 B over NVLink 4's 450 GB/s per direction, after 0.5 ms.
        var send = 0.5e-3 + 1024 / 450e9;
        stages.ToArray().Should().Equal(new[] { 12e-3 + send, 11e-3 + send, 13e-3 }, (a, b) => Math.Abs(a - b) < 1e-12);
        host.Should().Be(0);
        // One micro-batch alone: the sum of the stages (plus the host, here 0).
        predictor.Seconds(Prefill(8)).Should().BeApproximately(36e-3 + 2 * send, 1e-12);
        var parts = predictor.Explain(Prefill(8));
        parts.Seconds.Should().BeApproximately(36e-3 + 2 * send, 1e-12);
        parts.Operators.Single(o => o.Name == "pp_send").Seconds.Should().BeApproximately(2 * send, 1e-15);
    }

    [Fact]
    public void A_send_between_nodes_takes_the_network_latency_and_bandwidth()
    {
        var oneNodePerAccelerator = H200 with { Cost = Eager with { NodeSize = 1 } };
        var predictor = new ExecutionTimePredictor(Tiny, oneNodePerAccelerator, 1, pipelineParallel: 3);
        Span<double> stages = stackalloc double[3];
        predictor.Stages(Prefill(8), stages);
        // By hand: 2 ms + 1,024 B / 1 MB/s = 3.024 ms per send.
        stages[0].Should().BeApproximately(12e-3 + 3.024e-3, 1e-12);
        stages[1].Should().BeApproximately(11e-3 + 3.024e-3, 1e-12);
        predictor.Explain(Prefill(8)).Operators.Single(o => o.Name == "pp_send").Bound.Should().Be("network");
    }

    [Fact]
    public void Tensor_parallelism_beyond_a_node_all_reduces_over_the_network()
    {
        Span<double> one = stackalloc double[1];
        // tp 2 inside a node: per all-reduce, 2 ring steps of 0.5 ms + 2(1)/2 x 1,024 B / 450 GB/s; two per layer.
        var inNode = new ExecutionTimePredictor(Tiny, H200 with { Cost = Eager }, 2);
        var ring = 2 * 0.5e-3 + 1024 / 450e9;
        inNode.Explain(Prefill(8)).Operators.Single(o => o.Name == "all_reduce").Seconds.Should().BeApproximately(3 * 2 * ring, 1e-12);
        // tp 2 over nodes of 1: 2 steps of 2 ms + 1,024 B / 1 MB/s = 5.024 ms per all-reduce.
        var acrossNodes = new ExecutionTimePredictor(Tiny, H200 with { Cost = Eager with { NodeSize = 1 } }, 2);
        var explained = acrossNodes.Explain(Prefill(8)).Operators.Single(o => o.Name == "all_reduce");
        explained.Seconds.Should().BeApproximately(3 * 2 * 5.024e-3, 1e-12);
        explained.Bound.Should().Be("network");
        // 14 kernels of 1 ms plus six all-reduces.
        acrossNodes.Stages(Prefill(8), one);
        one[0].Should().BeApproximately(36e-3 + 6 * 5.024e-3, 1e-12);
    }

    [Fact]
    public void The_operator_breakdown_of_a_pipelined_step_adds_up_to_its_stages_and_host()
    {
        var llama70B = new ModelArchitecture(80, 8192, 64, 8, 28672, 32000, 4096, 10000, 1e-5, DType.FP8);
        var shape = Prefill(500);
        shape.Add(1, 700);
        // Nodes of 4: tp 4 x pp 3 puts every send on the network, every ring inside a node.
        var predictor = new ExecutionTimePredictor(llama70B, H200 with { Cost = H200.Cost with { NodeSize = 4 } }, 4, pipelineParallel: 3);
        Span<double> stages = stackalloc double[3];
        var host = predictor.Stages(shape, stages);
        var explained = predictor.Explain(shape);
        explained.Operators.Sum(o => o.Seconds).Should().BeApproximately(explained.Seconds, 1e-12);
        explained.Seconds.Should().BeApproximately(stages[0] + stages[1] + stages[2] + host, 1e-12);
        explained.Operators.Single(o => o.Name == "pp_send").Bound.Should().Be("network");
        explained.Operators.Single(o => o.Name == "all_reduce").Bound.Should().Be("link");
    }

    [Fact]
    public void One_stage_predicts_exactly_what_the_unstaged_predictor_does()
    {
        var h200 = H200;
        var shape = Prefill(300);
        shape.Add(1, 500);
        Span<double> one = stackalloc double[1];
        var predictor = new ExecutionTimePredictor(Tiny, h200, 2, pipelineParallel: 1);
        var host = predictor.Stages(shape, one);
        (one[0] + host).Should().Be(predictor.Seconds(shape));
    }

    [Fact]
    public void Each_stage_holds_only_its_layers_weights_and_kv_and_the_blocks_follow_the_fuller_stage()
    {
        // 2 layers, hidden 64, 4 heads of 16, 2 KV heads, ffn 128, vocab 100, f16 (KvCacheSizingTests' model).
        var small = new ModelArchitecture(2, 64, 4, 2, 128, 100, 256, 10_000, 1e-5, DType.F16);
        var device = new AcceleratorSpec("test", new Dictionary<DType, double> { [DType.F16] = 1e12 }, 1e11, 1_000_000, 1e10, "test-link");
        // A layer: 64x64x2 + 64x32x2 + 64x128x3 + 2x64 = 36,992 parameters. Stage 0 adds the embedding (6,400),
        // stage 1 the LM head (6,400) and the final norm (64): 43,392 and 43,456 parameters, 2 bytes each.
        KvCacheSizing.WeightBytesPerStage(small, 1, 2).Should().Equal(86_784, 86_912);
        KvCacheSizing.WeightBytesPerStage(small, 1, 2).Sum().Should().Be(small.WeightBytes);
        var result = KvCacheSizing.Compute(small, device, tensorParallel: 1, blockSize: 16, pipelineParallel: 2);
        result.WeightBytesPerAccelerator.Should().Be(86_912, "the heavier stage");
        // One layer per stage: 2 (K,V) x 2 heads x 16 x 2 B = 128 B per token, 2,048 B per block.
        // Stage 0: (900,000 - 86,784) / 2,048 = 397.07; stage 1: (900,000 - 86,912) / 2,048 = 397.01 -> 397 blocks,
        // against 177 when one accelerator holds both layers and all the weights.
        result.Geometry.Should().Be(new KvCacheGeometry(256, 16, 397));
        result.Fits.Should().BeTrue();
        KvCacheSizing.KvBytesPerAccelerator(256.0 * 16 * 397, 2, 1, 2).Should().Be(128.0 * 16 * 397);
    }

    [Fact]
    public void Each_micro_batch_slot_must_hold_a_full_context_sequence()
    {
        var small = new ModelArchitecture(2, 64, 4, 2, 128, 100, 256, 10_000, 1e-5, DType.F16);
        // 397 blocks at 1,000,000 B (above), 198 per slot: a 3,168-token context (198 blocks) fits, 3,184 (199) does not.
        var device = new AcceleratorSpec("test", new Dictionary<DType, double> { [DType.F16] = 1e12 }, 1e11, 1_000_000, 1e10, "test-link");
        KvCacheSizing.Compute(small with { ContextLength = 16 * 198 }, device, 1, 16, 2).Fits.Should().BeTrue();
        KvCacheSizing.Compute(small with { ContextLength = 16 * 199 }, device, 1, 16, 2).Fits.Should().BeFalse();
    }
}
