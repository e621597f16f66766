using Pipeline.Engine.Tests.Conformance;
using Pipeline.Kernels;
using Pipeline.Kernels.Ilgpu;

namespace Pipeline.Engine.Tests;

/// <summary>ILGPU's CPU accelerator against llama.cpp.</summary>
public sealed class IlgpuCpuLlamaCppTests : LlamaCppComparisonTests
{
    protected override IKernelBackend CreateBackend() => IlgpuKernelBackend.CreateCpu();
}
