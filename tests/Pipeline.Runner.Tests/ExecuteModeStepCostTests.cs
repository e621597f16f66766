using Pipeline.Engine;
using Pipeline.Kernels.Counting;
using Pipeline.Kernels.Cpu;
using Pipeline.Runner.Execution;

namespace Pipeline.Runner.Tests;

/// <summary>
/// What an engine step costs, counted (never timed) by a <see cref="CountingKernelBackend"/> under the step
/// executor: decode is memory-bound because a step streams the weights once for the whole batch, prefill is
/// compute-bound because its arithmetic grows with the prompt while the weights are read once. Measured speeds are
/// benchmarks (<c>pipeline bench engine</c>).
/// </summary>
public sealed class ExecuteModeStepCostTests
{
    private static ScheduledBatch Batch(params ScheduledSequence[] sequences) => new(0, sequences, [], [], []);

    private static KernelTraffic Traffic(CountingKernelBackend backend, EngineStepExecutor executor, ScheduledBatch batch)
    {
        var before = backend.Traffic;
        executor.Execute(batch);
        return backend.Traffic.Since(before);
    }

    [Fact]
    public void A_decode_step_of_16_sequences_streams_the_weights_once_like_a_step_of_one()
    {
        // 2 layers, hidden 1024, heads 16 (dim 64), kv_heads 4 (K/V 256), ffn 4096, vocab 4096. By hand: a layer holds
        // 2*1024*1024 + 2*256*1024 + 3*4096*1024 = 15,204,352 weights, the LM head 4096*1024 = 4,194,304; f32.
        var shape = new ModelArchitecture(2, 1024, 16, 4, 4096, 4096, 2048, 10000, 1e-5, DType.F32);
        const long stepBytes = 4 * (2 * 15_204_352L + 4_194_304L);
        using var backend = new CountingKernelBackend(new CpuKernelBackend(threads: 1));
        using var model = TransformerModel.Create(backend, RandomWeightsGenerator.Generate(shape, 1));
        using var executor = new EngineStepExecutor(model, model.CreateKvCache(256, 16));
        ScheduledSequence Decode(int i) => new(i, SequencePhase.Decode, 64, [7], Enumerable.Range(i * 8, 8).ToArray(), true);

        var one = Traffic(backend, executor, Batch(Decode(0)));
        var sixteen = Traffic(backend, executor, Batch(Enumerable.Range(0, 16).Select(Decode).ToArray()));

        (one.WeightBytesStreamed, sixteen.WeightBytesStreamed).Should().Be((stepBytes, stepBytes));
        sixteen.MatrixFlops.Should().Be(16 * one.MatrixFlops, "every sequence still multiplies its row by every weight");
    }

    [Fact]
    public void Prefill_arithmetic_grows_with_the_prompt_while_the_weights_are_read_once()
    {
        // EnginePlans.Small: 4 layers, hidden 256, heads 8 (dim 32), kv_heads 4 (K/V 128), ffn 768, vocab 2048. By hand:
        // a layer holds 2*256*256 + 2*128*256 + 3*768*256 = 786,432 weights, the LM head 2048*256 = 524,288. Every
        // prompt token goes through every layer (2 FLOPs per weight); only the last one through the LM head.
        const long layerWeights = 4 * 786_432L, lmHead = 524_288L;
        using var backend = new CountingKernelBackend(new CpuKernelBackend(threads: 1));
        using var model = TransformerModel.Create(backend, RandomWeightsGenerator.Generate(EnginePlans.Small, 1));
        using var executor = new EngineStepExecutor(model, model.CreateKvCache(64, 16));
        var table = Enumerable.Range(0, 64).ToArray();
        ScheduledBatch Prefill(int tokens) => Batch(new ScheduledSequence(0, SequencePhase.Prefill, 0, new int[tokens], table, true));

        var prefill64 = Traffic(backend, executor, Prefill(64));
        var prefill256 = Traffic(backend, executor, Prefill(256));

        prefill64.MatrixFlops.Should().Be(2 * (64 * layerWeights + lmHead));
        prefill256.MatrixFlops.Should().Be(2 * (256 * layerWeights + lmHead));
        prefill256.WeightBytesStreamed.Should().Be(prefill64.WeightBytesStreamed).And.Be(4 * (layerWeights + lmHead));
    }
}
