using System.Diagnostics;
using System.Text.Json;

namespace Pipeline.Cli.Tests;

/// <summary>
/// tools/gpu: the pack step (here) and the on-device step (there; here in its CPU mode). Packing publishes the whole
/// CLI self-contained (minutes), so that test runs only when <c>PIPELINE_TEST_GPU_PACK=1</c> and is skipped visibly otherwise.
/// </summary>
public sealed class GpuScriptTests
{
    private static string Tools => Path.Combine(CliRun.RepositoryRoot, "tools", "gpu");

    [Fact]
    public void The_scripts_parse_and_the_experiment_compiles_for_local_cuda()
    {
        foreach (var script in new[] { "pack.sh", "device-run.sh" }) Shell("bash", ["-n", Path.Combine(Tools, script)]).ExitCode.Should().Be(0, script);
        var check = CliRun.Of("check", Path.Combine(Tools, "experiment.pipe"));
        check.ExitCode.Should().Be(0, check.Out + check.Error);
        File.ReadAllText(Path.Combine(Tools, "experiment.pipe")).Should().Contain("accelerator = local(cuda)").And.Contain("mode = execute");
    }

    [Fact]
    public void The_device_step_without_a_package_says_how_to_make_one()
    {
        using var temp = new TempDirectory();
        var run = Shell("bash", [Path.Combine(Tools, "device-run.sh"), "--accelerator", "cpu", "--package", Path.Combine(temp.Path, "none.tar.gz")], ("OUT", temp.Path));
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("run tools/gpu/pack.sh first");
    }

    [OptInFact("PIPELINE_TEST_GPU_PACK")]
    public void Pack_makes_a_package_under_64_MiB_without_llama_cpp_that_runs_the_device_step_on_the_cpu_accelerator()
    {
        using var temp = new TempDirectory();
        var pack = Shell("bash", [Path.Combine(Tools, "pack.sh"), temp.Path]);
        pack.ExitCode.Should().Be(0, pack.Out + pack.Error);
        var package = Path.Combine(temp.Path, "pipeline-gpu.tar.gz");
        new FileInfo(package).Length.Should().BeLessThan(64L * 1024 * 1024);
        var listing = Shell("tar", ["-tzf", package]).Out.Split('\n');
        listing.Should().Contain(["pipeline/bin/pipeline", "pipeline/gpu/device-run.sh", "pipeline/gpu/experiment.pipe"]);
        listing.Should().NotContain(f => f.Contains("libllama") || f.Contains("libggml"));

        var output = Path.Combine(temp.Path, "out");
        var device = Shell("bash", [Path.Combine(Tools, "device-run.sh"), "--accelerator", "cpu", "--quick", "--package", package], ("OUT", output));
        device.ExitCode.Should().Be(0, device.Out + device.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "gpu-check.json")));
        json.RootElement.GetProperty("parity").GetProperty("passed").GetBoolean().Should().BeTrue();
        var steps = File.ReadAllText(Path.Combine(output, "steps.txt"));
        steps.Should().Contain("bench gpu: exit 0").And.Contain("run (execute mode): exit").And.Contain("calibrate --local: exit").And.Contain("fidelity");
        Directory.GetFiles(output).Length.Should().BeLessThanOrEqualTo(8, "the device tool brings back at most 8 files");
    }

    private static (int ExitCode, string Out, string Error) Shell(string file, string[] args, (string Name, string Value)? env = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = CliRun.RepositoryRoot };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (env is { } e) start.Environment[e.Name] = e.Value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A fact that runs only when an environment variable is 1; otherwise it is reported as skipped, with how to run it.</summary>
public sealed class OptInFactAttribute : FactAttribute
{
    /// <summary>Skips unless <paramref name="variable"/> is set to 1.</summary>
    public OptInFactAttribute(string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) != "1") Skip = $"expensive; set {variable}=1 to run it";
    }
}
