using Pipeline.Engine.Tests.Conformance;
using Pipeline.Kernels;
using Pipeline.Kernels.Ilgpu;
using Pipeline.Kernels.Tests.Support;

namespace Pipeline.Engine.Tests;

/// <summary>CUDA against llama.cpp; every case is reported as skipped on a machine without a GPU.</summary>
[RequiresCuda]
public sealed class IlgpuCudaLlamaCppTests : LlamaCppComparisonTests
{
    protected override IKernelBackend CreateBackend() => IlgpuKernelBackend.CreateCuda();
}
