using Pipeline.Engine.Tests.Conformance;
using Pipeline.Kernels;
using Pipeline.Kernels.Ilgpu;

namespace Pipeline.Engine.Tests;

/// <summary>The whole-model suite on ILGPU's CPU accelerator.</summary>
public sealed class IlgpuCpuModelTests : ModelConformanceTests
{
    protected override IKernelBackend CreateBackend() => IlgpuKernelBackend.CreateCpu();

    // The CPU accelerator emulates GPU threads with OS threads (each shuffle a rendezvous), so every token costs
    // hundreds of thread handoffs; the kernels themselves are checked one by one in IlgpuCpuKernelTests, and the
    // fast CPU and CUDA suites keep the full length (12).
    protected override int GeneratedTokens => 6;
}
