using Pipeline.Engine.Tests.Conformance;
using Pipeline.Kernels;
using Pipeline.Kernels.Ilgpu;

namespace Pipeline.Engine.Tests;

/// <summary>The whole-model suite on ILGPU's CPU accelerator.</summary>
public sealed class IlgpuCpuModelTests : ModelConformanceTests
{
    protected override IKernelBackend CreateBackend() => IlgpuKernelBackend.CreateCpu();
}
