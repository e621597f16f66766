using Pipeline.Kernels.Ilgpu;

namespace Pipeline.Engine.Tests;

/// <summary>A fact about a machine without a GPU: on a machine with one it is reported as skipped, never as a pass.</summary>
public sealed class NoGpuFactAttribute : FactAttribute
{
    /// <summary>Skips when ILGPU finds a CUDA device.</summary>
    public NoGpuFactAttribute()
    {
        if (IlgpuKernelBackend.IsCudaAvailable()) Skip = "this machine has a CUDA GPU; the fact is about machines without one";
    }
}

/// <summary>A fact about a machine with a GPU: on a machine without one it is reported as skipped.</summary>
public sealed class GpuFactAttribute : FactAttribute
{
    /// <summary>Skips when ILGPU finds no CUDA device.</summary>
    public GpuFactAttribute()
    {
        if (!IlgpuKernelBackend.IsCudaAvailable()) Skip = "this machine has no CUDA GPU";
    }
}
