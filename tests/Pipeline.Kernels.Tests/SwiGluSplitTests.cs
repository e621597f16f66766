using Pipeline.Kernels.Cpu;

namespace Pipeline.Kernels.Tests;

public sealed class SwiGluSplitTests
{
    [Theory]
    [InlineData(64 * 2816)]
    [InlineData(40_005)]
    public void A_swiglu_shared_out_over_the_pool_gives_every_element_of_the_one_thread_call(int length)
    {
        var random = new Random(3);
        float[] gate = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 8 - 4)).ToArray();
        float[] up = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        using var pool = new WorkerPool(2);

        var alone = SwiGlu(gate, up, null);
        var shared = SwiGlu(gate, up, pool);

        shared.Should().Equal(alone);
        var expected = (float)(gate[0] / (1 + Math.Exp(-gate[0])) * up[0]);
        alone[0].Should().BeApproximately(expected, Math.Abs(expected) * 1e-6f, "silu(g) x up");
    }

    private static float[] SwiGlu(float[] gate, float[] up, WorkerPool? pool)
    {
        using var g = new CpuTensor(gate.Length);
        using var u = new CpuTensor(up.Length);
        gate.CopyTo(g.Span);
        up.CopyTo(u.Span);
        // In place over the gate, as the engine may call it.
        Elementwise.SwiGlu(g, u, g, gate.Length, pool);
        return g.Span.ToArray();
    }
}
