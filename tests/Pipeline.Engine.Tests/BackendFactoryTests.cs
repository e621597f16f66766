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

    [NoGpuFact]
    public void Cuda_without_a_gpu_is_a_clear_error()
    {
        var act = () => BackendFactory.Create(LocalBackend.Cuda);
        act.Should().Throw<InvalidOperationException>().WithMessage("*No CUDA device*");
    }

    [NoGpuFact]
    public void Auto_without_a_gpu_is_the_fast_cpu_backend()
    {
        using var backend = BackendFactory.Create(LocalBackend.Auto);
        backend.Should().BeOfType<Pipeline.Kernels.Cpu.CpuKernelBackend>();
    }

    [GpuFact]
    public void Cuda_with_a_gpu_names_the_device()
    {
        using var backend = BackendFactory.Create(LocalBackend.Cuda);
        backend.DeviceName.Should().StartWith("cuda (");
    }

    [GpuFact]
    public void Auto_with_a_gpu_is_the_cuda_backend()
    {
        using var backend = BackendFactory.Create(LocalBackend.Auto);
        backend.Should().BeOfType<IlgpuKernelBackend>().Which.DeviceName.Should().StartWith("cuda (");
    }
}
