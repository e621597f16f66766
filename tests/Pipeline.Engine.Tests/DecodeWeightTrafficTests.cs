using Pipeline.Engine;
using Pipeline.Kernels.Counting;
using Pipeline.Kernels.Cpu;
using Pipeline.Plans;

namespace Pipeline.Engine.Tests;

/// <summary>
/// The project's central claim about decode: a step streams the weights once whatever the batch, so 16 sequences
/// cost the memory traffic of one. Counted by a <see cref="CountingKernelBackend"/> around the fast CPU backend
/// (deterministic on any machine); the measured speed-up is a benchmark (<c>pipeline bench engine</c>, b16/b1).
/// </summary>
public sealed class DecodeWeightTrafficTests
{
    // Layers 2, hidden 1024, heads 16 (head dim 64), kv_heads 4 (K/V width 256), ffn 2816, vocab 2048.
    private static readonly ModelArchitecture Shape = new(Layers: 2, Hidden: 1024, Heads: 16, KvHeads: 4, FfnHidden: 2816, Vocab: 2048,
        ContextLength: 64, RopeTheta: 10000.0, NormEpsilon: 1e-5, WeightType: DType.F32);

    // Worked by hand: per layer Wq 1024*1024 + Wk 256*1024 + Wv 256*1024 + Wo 1024*1024 + gate/up/down 3*2816*1024
    // = 11,272,192 weights; two layers 22,544,384; the LM head 2048*1024 = 2,097,152; f32: 4 bytes each.
    private const long WeightsPerLayer = 11_272_192;
    private const long LmHead = 2_097_152;
    private const long StepBytes = 4 * (2 * WeightsPerLayer + LmHead); // 98,566,144

    [Fact]
    public void A_batch_16_decode_step_streams_the_same_weight_bytes_as_a_batch_1_step()
    {
        var (one, sixteen) = DecodeTraffic();

        one.WeightBytesStreamed.Should().Be(StepBytes, "one decode step streams every matrix of the model once");
        sixteen.WeightBytesStreamed.Should().Be(StepBytes, "sixteen sequences share one pass over the weights");
        sixteen.MatrixProducts.Should().Be(one.MatrixProducts, "one product per weight matrix, not one per sequence");
    }

    [Fact]
    public void A_batch_16_decode_step_does_16_times_the_arithmetic_of_a_batch_1_step()
    {
        var (one, sixteen) = DecodeTraffic();

        one.MatrixFlops.Should().Be(2 * (2 * WeightsPerLayer + LmHead), "two FLOPs per weight for one token");
        sixteen.MatrixFlops.Should().Be(16 * one.MatrixFlops, "each sequence multiplies its own row by every weight");
    }

    private static (KernelTraffic One, KernelTraffic Sixteen) DecodeTraffic()
    {
        using var backend = new CountingKernelBackend(new CpuKernelBackend(threads: 1));
        using var model = TransformerModel.Create(backend, RandomWeightsGenerator.Generate(Shape, seed: 3));
        using var cache = model.CreateKvCache(32, 16);
        var tables = Enumerable.Range(0, 16).Select(s => new[] { 2 * s, 2 * s + 1 }).ToArray();
        foreach (var table in tables) model.Forward([new SequenceChunk([5, 9, 13, 17], 0, table, false)], cache);

        KernelTraffic Step(int[][] batch, int position)
        {
            var before = backend.Traffic;
            model.Forward(batch.Select(t => new SequenceChunk([7], position, t, true)).ToList(), cache);
            return backend.Traffic.Since(before);
        }
        return (Step(tables[..1], 4), Step(tables, 5));
    }
}
