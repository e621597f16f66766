using Pipeline.Engine;
using Pipeline.Kernels.Counting;
using Pipeline.Kernels.Cpu;
using Pipeline.Plans;

namespace Pipeline.Engine.Tests;

/// <summary>
/// A forward pass reuses its device buffers from step to step: activations (the workspace) and the LM head's rows
/// (final norm input, output and logits) are regrown only when a batch outgrows them. Fresh buffers every step were
/// fresh pages every step on the fast CPU backend (a tenth of a tiny model's batch-16 decode step went to page faults).
/// Counted by a <see cref="CountingKernelBackend"/>, so deterministic on any machine.
/// </summary>
public sealed class StepBufferReuseTests
{
    private static readonly ModelArchitecture Shape = new(Layers: 2, Hidden: 64, Heads: 4, KvHeads: 2, FfnHidden: 172, Vocab: 256,
        ContextLength: 128, RopeTheta: 10000.0, NormEpsilon: 1e-5, WeightType: DType.F32);

    [Fact]
    public void Decode_steps_after_the_first_allocate_no_tensors_until_the_batch_outgrows_the_buffers()
    {
        using var backend = new CountingKernelBackend(new CpuKernelBackend(threads: 1));
        using var model = TransformerModel.Create(backend, RandomWeightsGenerator.Generate(Shape, seed: 5));
        using var cache = model.CreateKvCache(80, 16);
        var tables = Enumerable.Range(0, 40).Select(s => new[] { 2 * s, 2 * s + 1 }).ToArray();
        long Step(int sequences, int position)
        {
            var before = backend.TensorsAllocated;
            model.Forward(tables[..sequences].Select(t => new SequenceChunk([7], position, t, true)).ToList(), cache);
            return backend.TensorsAllocated - before;
        }

        Step(4, 0).Should().BeGreaterThan(0, "the first step allocates the workspace and the LM head's buffers");
        Step(4, 1).Should().Be(0, "the same batch again reuses every buffer");
        Step(16, 2).Should().Be(0, "the buffers start with room for 16 rows");
        Step(40, 3).Should().BeGreaterThan(0, "40 sequences outgrow them");
        Step(40, 4).Should().Be(0, "and the regrown buffers are kept");
        Step(1, 5).Should().Be(0, "a smaller batch fits the larger buffers");
    }

    [Fact]
    public void Reused_buffers_give_each_row_its_own_logits()
    {
        using var backend = new CpuKernelBackend(threads: 1);
        using var model = TransformerModel.Create(backend, RandomWeightsGenerator.Generate(Shape, seed: 5));
        using var cache = model.CreateKvCache(8, 16);
        var first = model.Forward([new SequenceChunk([3, 4, 5], 0, [0], true), new SequenceChunk([9, 8], 0, [1], true)], cache);
        var afterOthers = model.Forward([new SequenceChunk([6, 2, 1], 0, [2], true)], cache);

        using var freshModel = TransformerModel.Create(backend, RandomWeightsGenerator.Generate(Shape, seed: 5));
        using var freshCache = freshModel.CreateKvCache(8, 16);
        var fresh = freshModel.Forward([new SequenceChunk([6, 2, 1], 0, [2], true)], freshCache);

        afterOthers[0].Should().Equal(fresh[0], "a step's logits do not depend on what the step before left in the buffers");
        first.Should().HaveCount(2);
        first[1].Should().NotEqual(first[0], "each row reads its own slice of the logits");
        first.Should().AllSatisfy(row => row.Should().HaveCount(Shape.Vocab));
    }
}
