using Pipeline.Engine.Tests.Conformance;
using Pipeline.Kernels;
using Pipeline.Kernels.Cpu;

namespace Pipeline.Engine.Tests;

/// <summary>The fast CPU backend against llama.cpp on the same GGUF files.</summary>
public sealed class CpuLlamaCppTests : LlamaCppComparisonTests
{
    protected override IKernelBackend CreateBackend() => new CpuKernelBackend(threads: 2);
}
