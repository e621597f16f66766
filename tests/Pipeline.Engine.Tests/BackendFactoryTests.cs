using Pipeline.Kernels.Ilgpu;
using Pipeline.Plans;

namespace Pipeline.Engine.Tests;

public sealed class BackendFactoryTests
{
    [Fact]
    public void Ilgpu_cpu_backend_names_itself()
    {
        using var backend = BackendFactory.Create(LocalBackend.IlgpuCpu, threads: 1);
        backend.DeviceName.Should().Be("ilgpu-cpu (CPU accelerator, 1 thread)");
    }

    [Fact]
    public void Cuda_without_a_gpu_is_a_clear_error()
    {
        if (IlgpuKernelBackend.IsCudaAvailable()) return; // the machine has a GPU: nothing to check here
        var act = () => BackendFactory.Create(LocalBackend.Cuda);
        act.Should().Throw<InvalidOperationException>().WithMessage("*No CUDA device*");
    }

    [Fact]
    public void Auto_without_a_gpu_is_the_fast_cpu_backend()
    {
        if (IlgpuKernelBackend.IsCudaAvailable()) return;
        using var backend = BackendFactory.Create(LocalBackend.Auto);
        backend.Should().BeOfType<Pipeline.Kernels.Cpu.CpuKernelBackend>();
    }
}
