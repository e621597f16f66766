using Pipeline.Calibration.Published;
using Pipeline.Plans.Catalog;

namespace Pipeline.Calibration.Tests;

public sealed class StackReleaseTests
{
    private static PublishedResult Row(string software) =>
        new(2, "v4.0", "NVIDIA", "s", "NVIDIA H100-SXM-80GB", 8, "Offline", 1000, null, null, 100, "fp8", 2, 896, software);

    [Fact]
    public void A_row_names_its_release_by_its_software_column()
    {
        StackRelease.Of(Row("TensorRT 9.3.0, CUDA 12.2; TRT-LLM github main eb8f26c7")).Should().Be(StackRelease.TensorRt93);
        StackRelease.Of(Row("TensorRT 10.2.0, CUDA 12.4; TRT-LLM github main 2d234357")).Should().BeNull();
        StackRelease.Of(Row("vLLM 0.4.3+rocm614")).Should().BeNull();
    }

    [Fact]
    public void The_factor_scales_the_fitted_efficiencies_and_adds_the_catalogues_when_none_is_given()
    {
        var family = CostFamilies.NvidiaHopper with { GemmEfficiency = 0.81, KvReadEfficiency = 0.37 };
        var release = StackRelease.TensorRt93 with { Factor = 0.9 };
        var scaled = release.Apply(["gemm_efficiency = 0.8", "step_overhead = 3 ms"], family);
        // 0.8 x 0.9 = 0.72; the family's kv_read 0.37 x 0.9 = 0.333 and gemm 0.81 x 0.9 = 0.729.
        scaled.Should().Equal("gemm_efficiency = 0.72", "step_overhead = 3 ms", "kv_read_efficiency = 0.333");
        release.Apply([], family).Should().Equal("gemm_efficiency = 0.729", "kv_read_efficiency = 0.333");
    }
}
