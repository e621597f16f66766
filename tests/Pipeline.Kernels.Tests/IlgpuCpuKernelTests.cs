using Pipeline.Kernels.Ilgpu;
using Pipeline.Kernels.Tests.Conformance;

namespace Pipeline.Kernels.Tests;

/// <summary>The conformance suite on ILGPU's CPU accelerator.</summary>
public sealed class IlgpuCpuKernelTests : KernelConformanceTests
{
    protected override IKernelBackend CreateBackend() => IlgpuKernelBackend.CreateCpu();

    [Fact]
    public void Device_name_says_it_is_the_ilgpu_cpu_accelerator() =>
        Backend.DeviceName.Should().StartWith("ilgpu-cpu (CPU accelerator, ");
}
