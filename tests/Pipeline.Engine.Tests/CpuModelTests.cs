using Pipeline.Engine.Tests.Conformance;
using Pipeline.Kernels;
using Pipeline.Kernels.Cpu;

namespace Pipeline.Engine.Tests;

/// <summary>The whole-model suite on the fast CPU backend.</summary>
public sealed class CpuModelTests : ModelConformanceTests
{
    protected override IKernelBackend CreateBackend() => new CpuKernelBackend(threads: 2);
}
