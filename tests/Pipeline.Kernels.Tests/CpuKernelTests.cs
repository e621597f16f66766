using Pipeline.Kernels.Cpu;
using Pipeline.Kernels.Tests.Conformance;

namespace Pipeline.Kernels.Tests;

/// <summary>The shared conformance suite on the fast CPU backend (2 threads, so the worker pool splits every kernel).</summary>
public sealed class CpuKernelTests : KernelConformanceTests
{
    protected override IKernelBackend CreateBackend() => new CpuKernelBackend(threads: 2);

    /// <summary>Q8_0 weights take llama.cpp's integer route: activations quantised to Q8_0 blocks first.</summary>
    protected override float[] EffectiveActivations(WeightFormat format, float[] x) =>
        format == WeightFormat.Q8_0 ? ActivationQuantization.Q8_0(x) : x;

    [Fact]
    public void Device_name_says_it_is_the_fast_cpu_backend() =>
        Backend.DeviceName.Should().StartWith("cpu (fast SIMD backend, ");
}
