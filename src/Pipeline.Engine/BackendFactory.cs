using Pipeline.Kernels;
using Pipeline.Kernels.Cpu;
using Pipeline.Kernels.Ilgpu;
using Pipeline.Plans;

namespace Pipeline.Engine;

/// <summary>Creates the kernel backend a <see cref="LocalBackend"/> names.</summary>
public static class BackendFactory
{
    /// <summary>
    /// <see cref="LocalBackend.Auto"/>: CUDA when ILGPU finds a GPU, else the fast CPU backend;
    /// <see cref="LocalBackend.Cuda"/> without a GPU throws <see cref="InvalidOperationException"/> with a clear message.
    /// </summary>
    public static IKernelBackend Create(LocalBackend backend, int? threads = null) => backend switch
    {
        LocalBackend.Auto => IlgpuKernelBackend.IsCudaAvailable() ? IlgpuKernelBackend.CreateCuda() : CreateCpu(threads),
        LocalBackend.Cpu => CreateCpu(threads),
        LocalBackend.IlgpuCpu => IlgpuKernelBackend.CreateCpu(threads),
        LocalBackend.Cuda => IlgpuKernelBackend.CreateCuda(),
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, null),
    };

    private static IKernelBackend CreateCpu(int? threads) => new CpuKernelBackend(threads);
}
