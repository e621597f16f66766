using System.Text.Json;
using Pipeline.Benchmarks.Gpu;

namespace Pipeline.Cli.Tests;

/// <summary><c>pipeline bench gpu</c>: the GPU script's on-device step, run here on ILGPU's CPU accelerator with tiny sizes.</summary>
public sealed class BenchGpuTests
{
    [Fact]
    public void Cpu_mode_writes_every_figure_as_json_and_a_table_and_passes_parity()
    {
        using var temp = new TempDirectory();
        var run = CliRun.Of("bench", "gpu", "--accelerator", "cpu", "--quick", "--out", temp.Path);

        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().Contain("GPU check on ilgpu-cpu").And.Contain("parity vs cpu");
        File.ReadAllText(Path.Combine(temp.Path, "gpu-check.txt")).Should().StartWith("GPU check on ilgpu-cpu");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "gpu-check.json")));
        var root = json.RootElement;
        root.GetProperty("accelerator").GetString().Should().Be("cpu");
        root.GetProperty("quick").GetBoolean().Should().BeTrue();
        foreach (var name in new[] { "copyGBPerSecond", "readGBPerSecond", "fmaGflops" })
        {
            root.GetProperty("deviceFigures").GetProperty(name).GetDouble().Should().BePositive(name);
        }
        var parity = root.GetProperty("parity");
        (parity.GetProperty("steps").GetInt32(), parity.GetProperty("matchingTokens").GetInt32(), parity.GetProperty("passed").GetBoolean())
            .Should().Be((8, 8, true));
        parity.GetProperty("maxRelativeError").GetDouble().Should().BeLessThanOrEqualTo(1e-3);
        // Quick sizes: one shape x three formats x batches 1 and 4; contexts 24 and 40; decode batches 1 and 2.
        root.GetProperty("gemv").EnumerateArray().Select(g => (g.GetProperty("format").GetString(), g.GetProperty("batch").GetInt32()))
            .Should().Equal(("f32", 1), ("f32", 4), ("f16", 1), ("f16", 4), ("q8_0", 1), ("q8_0", 4));
        root.GetProperty("decodeAttention").EnumerateArray().Select(a => a.GetProperty("context").GetInt32()).Should().Equal(24, 40);
        root.GetProperty("model").GetProperty("decode").EnumerateArray().Select(d => d.GetProperty("batch").GetInt32()).Should().Equal(1, 2);
        root.GetProperty("gemm").GetProperty("m").GetInt32().Should().Be(40);
        root.GetProperty("targets").GetArrayLength().Should().Be(8);
    }

    [Fact]
    public void An_unknown_accelerator_is_a_usage_error()
    {
        var run = CliRun.Of("bench", "gpu", "--accelerator", "tpu", "--quick");
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("unknown accelerator 'tpu' (cuda, cpu)");
    }

    [Fact]
    public void Targets_compare_the_largest_gemv_shape_per_format_the_gemm_and_the_model_with_the_issue_thresholds()
    {
        // f16 batch 1 reads at 80% of the read bandwidth (>= 75%: met) and batch 32 takes 140/100 = 1.4x (<= 1.5x: met);
        // f32 batch 1 at 70% (missed), batch 32 at 200/100 = 2x (missed). The small shape is ignored.
        GemvFigure[] gemv =
        [
            new("f16", 4096, 4096, 1, 10, 0, 0.10),
            new("f16", 8192, 28672, 1, 100, 0, 0.80),
            new("f16", 8192, 28672, 32, 140, 0, 0.60),
            new("f32", 8192, 28672, 1, 100, 0, 0.70),
            new("f32", 8192, 28672, 32, 200, 0, 0.40),
        ];
        var gemm = new GemmFigure("f16", 2048, 4096, 4096, 1, 0, 0.40);
        var model = new ModelFigures("1b", 1, 1, 1, [], 0.65);

        var targets = GpuCheck.Targets(gemv, gemm, model);

        targets.Select(t => (t.Name, t.Met)).Should().Equal(
            ("gemv f16 8192x28672 b1 / read bandwidth", true),
            ("gemv f16 8192x28672 b32 time / b1 time", true),
            ("gemv f32 8192x28672 b1 / read bandwidth", false),
            ("gemv f32 8192x28672 b32 time / b1 time", false),
            ("gemm f16 2048x4096x4096 / FMA peak", false),
            ("model decode b1 / bandwidth roofline", true));
        targets[1].Measured.Should().BeApproximately(1.4, 1e-12);
    }
}
