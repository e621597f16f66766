using System.CommandLine;
using System.Text.Json;
using Pipeline.Benchmarks.Gpu;
using Pipeline.Plans;

namespace Pipeline.Cli.Commands.Bench;

/// <summary>
/// <c>pipeline bench gpu</c>: the on-device step of the GPU script (tools/gpu/device-run.sh). Measures the device and the
/// ILGPU kernels (<see cref="GpuCheck"/>), prints the table and writes <c>gpu-check.json</c> and <c>gpu-check.txt</c>
/// under <c>--out</c>. Exit code 1 when parity against the fast CPU backend fails or CUDA is asked for without a GPU.
/// </summary>
internal static class BenchGpuCommand
{
    public static Command Build(CliOutput output)
    {
        var accelerator = new Option<string>("--accelerator")
        {
            Description = "cuda (the GPU) or cpu (ILGPU's CPU accelerator, to test the script without a GPU).",
            DefaultValueFactory = _ => "cuda",
        };
        var quick = new Option<bool>("--quick") { Description = "Tiny sizes (seconds on the CPU accelerator) instead of the H200 sizes." };
        var outDir = new Option<string>("--out") { Description = "Folder for gpu-check.json and gpu-check.txt.", DefaultValueFactory = _ => "gpu-check" };
        var seed = new Option<int>("--seed") { Description = "Seed of every random input.", DefaultValueFactory = _ => 1 };
        var command = new Command("gpu", "Device bandwidth and FMA peak, CPU parity, GEMV/GEMM/attention kernel rates and a ~1B model's tokens/s on the ILGPU backend.")
        {
            accelerator, quick, outDir, seed,
        };
        command.SetAction(parse =>
        {
            LocalBackend? backend = parse.GetValue(accelerator) switch { "cuda" => LocalBackend.Cuda, "cpu" => LocalBackend.IlgpuCpu, _ => null };
            if (backend is null) return Usage(output, $"unknown accelerator '{parse.GetValue(accelerator)}' (cuda, cpu)");
            var folder = parse.GetValue(outDir)!;
            if (OutputFolder.Problem(folder) is { } problem) return Usage(output, problem);
            var sizes = parse.GetValue(quick) ? GpuCheckSizes.Quick : GpuCheckSizes.Full;
            GpuCheckReport report;
            try
            {
                report = GpuCheck.Run(new GpuCheckOptions(backend.Value, sizes, parse.GetValue(seed)), output.Out);
            }
            catch (InvalidOperationException e) when (backend == LocalBackend.Cuda)
            {
                output.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.Errors;
            }
            File.WriteAllText(Path.Combine(folder, "gpu-check.json"), JsonSerializer.Serialize(report, GpuCheck.Json));
            using (var table = new StringWriter())
            {
                GpuCheckTable.Write(report, table);
                File.WriteAllText(Path.Combine(folder, "gpu-check.txt"), table.ToString());
                output.Out.Write(table.ToString());
            }
            if (report.Parity.Passed) return ExitCodes.Ok;
            output.Error.WriteLine("error: the accelerator's logits or greedy tokens differ from the fast CPU backend's (see parity above)");
            return ExitCodes.Errors;
        });
        return command;
    }

    private static int Usage(CliOutput output, string message)
    {
        output.Error.WriteLine($"error: {message}");
        return ExitCodes.Usage;
    }
}
