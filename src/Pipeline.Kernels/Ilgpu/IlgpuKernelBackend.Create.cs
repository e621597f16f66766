using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Pipeline.Kernels.Ilgpu;

// Creating the backend: ILGPU's CPU accelerator or a CUDA device, with one set of compiler options.
public sealed partial class IlgpuKernelBackend
{
    /// <summary>Creates a backend on ILGPU's CPU accelerator with <paramref name="threads"/> worker multiprocessors (default: all cores).</summary>
    public static IlgpuKernelBackend CreateCpu(int? threads = null)
    {
        var processors = threads ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(processors);
        // One simulated multiprocessor per core; small groups and the narrowest warps keep barriers and shuffles cheap
        // (every simulated thread is an OS thread, and a shuffle waits for all lanes of its warp: with 4-lane warps the
        // model suites starved when other processes held both cores).
        var device = new CPUDevice(IlgpuKernels.MinWarpSize, CpuGroupSize / IlgpuKernels.MinWarpSize, processors);
        var context = Context.Create(builder => CompilerOptions(builder.CPU(device)));
        var accelerator = context.CreateCPUAccelerator(0, CPUAcceleratorMode.Parallel);
        return new IlgpuKernelBackend(context, accelerator, $"ilgpu-cpu (CPU accelerator, {processors} thread{(processors == 1 ? "" : "s")})");
    }

    /// <summary>
    /// The kernel compiler's settings for every accelerator: optimised, and with ILGPU.Algorithms' intrinsics (the PTX
    /// backend has no <c>MathF.Exp</c> of its own; without them softmax and SwiGLU would not compile for CUDA).
    /// </summary>
    internal static Context.Builder CompilerOptions(Context.Builder builder) => builder.EnableAlgorithms().Optimize(OptimizationLevel.O2);

    /// <summary>True when ILGPU finds at least one CUDA device.</summary>
    public static bool IsCudaAvailable()
    {
        try
        {
            using var context = Context.Create(builder => builder.Cuda());
            return context.GetCudaDevices().Count > 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or InvalidOperationException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Creates a backend on CUDA device <paramref name="index"/>; throws <see cref="InvalidOperationException"/> when there is none.</summary>
    public static IlgpuKernelBackend CreateCuda(int index = 0)
    {
        var context = Context.Create(builder => CompilerOptions(builder.Cuda()));
        var devices = context.GetCudaDevices();
        if (devices.Count <= index)
        {
            context.Dispose();
            throw new InvalidOperationException(devices.Count == 0
                ? "No CUDA device found: ILGPU sees no NVIDIA GPU (or no CUDA driver) on this machine."
                : $"CUDA device {index} requested but only {devices.Count} found.");
        }
        var accelerator = context.CreateCudaAccelerator(index);
        return new IlgpuKernelBackend(context, accelerator, $"cuda ({accelerator.Name})");
    }
}
