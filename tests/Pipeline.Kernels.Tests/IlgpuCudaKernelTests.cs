using Pipeline.Kernels.Ilgpu;
using Pipeline.Kernels.Tests.Conformance;
using Pipeline.Kernels.Tests.Support;

namespace Pipeline.Kernels.Tests;

/// <summary>The conformance suite on a CUDA GPU through ILGPU; every case is reported as skipped on a machine without one.</summary>
[RequiresCuda]
public sealed class IlgpuCudaKernelTests : KernelConformanceTests
{
    protected override IKernelBackend CreateBackend() => IlgpuKernelBackend.CreateCuda();

    [BackendFact]
    public void Device_name_says_it_is_a_cuda_device() =>
        Backend.DeviceName.Should().StartWith("cuda (");
}
