using Pipeline.Engine.Tests.Conformance;
using Pipeline.Kernels;
using Pipeline.Kernels.Ilgpu;
using Pipeline.Kernels.Tests.Support;

namespace Pipeline.Engine.Tests;

/// <summary>The whole-model suite on a CUDA GPU; every case is reported as skipped on a machine without one.</summary>
[RequiresCuda]
public sealed class IlgpuCudaModelTests : ModelConformanceTests
{
    protected override IKernelBackend CreateBackend() => IlgpuKernelBackend.CreateCuda();
}
