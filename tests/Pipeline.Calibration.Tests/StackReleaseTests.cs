using Pipeline.Calibration.Published;
using Pipeline.Core.Text;
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
        var scaled = StackRelease.TensorRt93.Apply(["gemm_efficiency = 0.8", "step_overhead = 3 ms"], family);
        // 0.8 x 0.909 = 0.7272; the family's kv_read 0.37 x 0.909 = 0.33633.
        scaled.Should().Equal("gemm_efficiency = 0.7272", "step_overhead = 3 ms", "kv_read_efficiency = 0.3363");
        StackRelease.TensorRt93.Apply([], family).Should().Equal("gemm_efficiency = 0.7363", "kv_read_efficiency = 0.3363");
    }

    [Fact]
    public void The_declared_factor_is_the_geometric_mean_of_nvidias_own_offline_pairs_it_cites()
    {
        var path = Shared("mlperf-llama2-70b-v4.tsv");
        var (rows, _) = PublishedResultsReader.Read(SourceText.FromFile(path));
        double PerGpu(string round, string accelerator) => rows
            .Where(r => r.Submitter == "NVIDIA" && r.Round == round && r.IsOffline && r.Accelerator == accelerator && r.Accelerators >= 1)
            .OrderByDescending(r => r.Accelerators).Select(r => r.TokensPerSecond / r.Accelerators).First();
        string[] systems = ["NVIDIA H200-SXM-141GB", "NVIDIA H100-SXM-80GB", "NVIDIA H200-SXM-141GB-CTS"];
        var ratios = systems.Select(a => PerGpu("v4.0", a) / PerGpu("v4.1", a)).ToList();
        var gh200 = rows.Where(r => r.Submitter == "NVIDIA" && r.IsOffline && r.Accelerator.Contains("GH200")).ToDictionary(r => r.Round, r => r.TokensPerSecond);
        ratios.Add(gh200["v4.0"] / gh200["v4.1"]);

        var geometricMean = Math.Exp(ratios.Average(Math.Log));
        geometricMean.Should().BeApproximately(StackRelease.TensorRt93.Factor, 0.0005);
    }

    private static string Shared(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "calibration", file);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(file);
    }
}
