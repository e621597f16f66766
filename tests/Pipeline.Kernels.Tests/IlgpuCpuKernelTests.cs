using Pipeline.Kernels.Ilgpu;
using Pipeline.Kernels.Tests.Conformance;
using static Pipeline.Kernels.Tests.Conformance.ConformanceData;

namespace Pipeline.Kernels.Tests;

/// <summary>The conformance suite on ILGPU's CPU accelerator.</summary>
public sealed class IlgpuCpuKernelTests : KernelConformanceTests
{
    protected override IKernelBackend CreateBackend() => IlgpuKernelBackend.CreateCpu();

    [Fact]
    public void Device_name_says_it_is_the_ilgpu_cpu_accelerator() =>
        Backend.DeviceName.Should().StartWith("ilgpu-cpu (CPU accelerator, ");

    [Fact]
    public void F16_and_Q8_0_weights_stay_compressed_on_the_device()
    {
        int rows = 3, cols = 64;
        var values = Floats(new Random(5), rows * cols);
        using var f32 = Backend.UploadMatrix(HostMatrix.FromFloats(rows, cols, values));
        using var f16 = Backend.UploadMatrix(new HostMatrix(rows, cols, WeightFormat.F16, ToF16(values).Bytes));
        using var q8 = Backend.UploadMatrix(new HostMatrix(rows, cols, WeightFormat.Q8_0, ToQ8(values).Bytes));
        // 4 bytes a weight; 2; and per block of 32 weights one 2-byte scale and 32 one-byte quants.
        (f32.StoredBytes, f16.StoredBytes, q8.StoredBytes).Should().Be((4L * 192, 2L * 192, 6L * 34));
    }
}
