using Pipeline.Kernels.Ilgpu;
using static Pipeline.Engine.Tests.Conformance.TestModels;

namespace Pipeline.Engine.Tests;

/// <summary>A step's kernels are queued back to back: the host waits for the device once per forward pass, to read the logits.</summary>
public sealed class IlgpuStepSynchronizationTests
{
    [Fact]
    public void A_prefill_and_a_decode_step_each_wait_for_the_device_once()
    {
        using var backend = IlgpuKernelBackend.CreateCpu(threads: 2);
        using var model = TransformerModel.Create(backend, RandomWeightsGenerator.Generate(Tiny(), seed: 3));
        using var cache = model.CreateKvCache(8, 4);
        int[] table = [5, 2, 7];
        var tokens = Prompt(9, seed: 4);
        // Warm-up with the largest step, so the staging buffers have their size and growing them is not counted.
        model.Forward([new SequenceChunk(tokens, 0, table, true)], cache);

        var before = backend.HostSynchronizations;
        model.Forward([new SequenceChunk(tokens, 0, table, true)], cache);
        var prefill = backend.HostSynchronizations - before;
        model.Forward([new SequenceChunk([tokens[0]], tokens.Length, table, true)], cache);
        var decode = backend.HostSynchronizations - before - prefill;

        (prefill, decode).Should().Be((1L, 1L));
    }

    [Fact]
    public void Synchronize_and_download_are_counted()
    {
        using var backend = IlgpuKernelBackend.CreateCpu(threads: 1);
        using var tensor = backend.Allocate(3);
        backend.Synchronize();
        backend.Download(tensor, new float[3]);
        backend.HostSynchronizations.Should().Be(2);
    }
}
