using System.CommandLine;
using System.Globalization;
using Pipeline.Benchmarks;
using Pipeline.Core.IO;
using Pipeline.Engine;
using Pipeline.Kernels;
using Pipeline.Plans;

namespace Pipeline.Cli.Commands.Bench;

/// <summary>
/// <c>pipeline bench engine|cpu|gpu</c>: measures the engine on this machine (memory bandwidth, prefill GFLOP/s, decode
/// tokens/s across batch sizes) side by side with llama.cpp (LLamaSharp) on the same GGUF file, or the GPU script's
/// device checks; <c>pipeline bench simulate</c> measures the simulator's speed and memory on a fixed experiment.
/// Prints measured figures only.
/// </summary>
internal sealed class BenchCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var command = new Command("bench", "Benchmark the inference engine on this machine against llama.cpp.");
        command.Subcommands.Add(Engine(output));
        command.Subcommands.Add(Cpu(output));
        command.Subcommands.Add(Simulate(output));
        command.Subcommands.Add(BenchGpuCommand.Build(output));
        return command;
    }

    private static Command Engine(CliOutput output)
    {
        var backend = new Option<string>("--backend") { Description = "auto | cpu | ilgpu-cpu | cuda.", DefaultValueFactory = _ => "auto" };
        var gguf = new Option<string?>("--gguf") { Description = "Benchmark this GGUF file instead of a random-weight model." };
        var threads = new Option<int?>("--threads") { Description = "Threads for the CPU backends and llama.cpp (default: all cores)." };
        var prompt = new Option<int>("--prompt") { Description = "Prompt tokens for the prefill measurement.", DefaultValueFactory = _ => 128 };
        var iterations = new Option<int>("--iterations") { Description = "Timed repetitions per figure.", DefaultValueFactory = _ => 8 };
        var batches = new Option<string>("--batches") { Description = "Decode batch sizes, comma-separated.", DefaultValueFactory = _ => "1,4,16,64" };
        var noLlama = new Option<bool>("--no-llama") { Description = "Skip the llama.cpp comparison." };
        var shape = new Option<string>("--shape")
        {
            Description = "Random-weight model: default (4 layers, hidden 512, 16M params), small (2 layers, hidden 128; for ilgpu-cpu), or 100m (8 layers, hidden 1024, vocab 32000).",
            DefaultValueFactory = _ => "default",
        };
        var command = new Command("engine", "Triad bandwidth, prefill GFLOP/s, decode tokens/s at several batch sizes, and llama.cpp side by side.")
        {
            backend, gguf, threads, prompt, iterations, batches, noLlama, shape,
        };
        command.SetAction(parse =>
        {
            if (BackendName.Parse(parse.GetValue(backend)!) is not { } kind) return Usage(output, $"unknown backend '{parse.GetValue(backend)}'");
            if (ParseInts(parse.GetValue(batches)!) is not { } sizes) return Usage(output, "--batches must be positive integers separated by commas");
            if (parse.GetValue(gguf) is { } path && GgufProblem(path) is { } ggufProblem) return Usage(output, ggufProblem);
            if (Shape(parse.GetValue(shape)!) is not { } architecture) return Usage(output, $"unknown shape '{parse.GetValue(shape)}' (default, small, 100m)");
            if (CountProblem(parse.GetValue(threads), parse.GetValue(iterations)) is { } countProblem) return Usage(output, countProblem);
            if (parse.GetValue(prompt) < 1) return Usage(output, "--prompt must be at least 1 token");
            var options = new EngineBenchmarkOptions(kind, architecture, parse.GetValue(gguf), parse.GetValue(threads),
                parse.GetValue(prompt), parse.GetValue(iterations), sizes, !parse.GetValue(noLlama));
            try
            {
                EngineBenchmark.Run(options, output.Out);
            }
            catch (GgufFormatException e)
            {
                output.Error.WriteLine($"error: {parse.GetValue(gguf)} is not a usable GGUF file: {e.Message}");
                return ExitCodes.Errors;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Cpu(CliOutput output)
    {
        var threads = new Option<int?>("--threads") { Description = "Threads for the fast CPU backend and llama.cpp (default: all cores)." };
        var formats = new Option<string>("--formats") { Description = "Weight files: f32, f16, and llama.cpp-quantised q8_0, q4_0, q4_k_m, q5_k_m, q6_k (comma-separated).", DefaultValueFactory = _ => "f32,f16" };
        var iterations = new Option<int>("--iterations") { Description = "Timed repetitions per figure.", DefaultValueFactory = _ => 8 };
        var noLlama = new Option<bool>("--no-llama") { Description = "Skip the llama.cpp comparison." };
        var command = new Command("cpu", "The fast CPU backend on a ~100M-parameter model (f32 and its f16 twin) against llama.cpp.")
        {
            threads, formats, iterations, noLlama,
        };
        command.SetAction(parse =>
        {
            var list = new List<BenchWeights>();
            foreach (var name in parse.GetValue(formats)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var format = BenchWeightFiles.Parse(name);
                if (format is null) return Usage(output, $"unknown weight format '{name}' (f32, f16, q8_0, q4_0, q4_k_m, q5_k_m, q6_k)");
                list.Add(format.Value);
            }
            if (CountProblem(parse.GetValue(threads), parse.GetValue(iterations)) is { } countProblem) return Usage(output, countProblem);
            var options = new CpuBackendBenchmarkOptions(parse.GetValue(threads), null, list, Iterations: parse.GetValue(iterations),
                CompareLlamaCpp: !parse.GetValue(noLlama));
            CpuBackendBenchmark.Run(options, output.Out);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Simulate(CliOutput output)
    {
        var file = new Argument<string>("file")
        {
            Description = "A simulate-mode experiment file.",
            DefaultValueFactory = _ => SimulatorBenchmarkOptions.DefaultExperiment,
        };
        var requests = new Option<int>("--requests") { Description = "Queries to serve (recompiles workload.requests and benchmark.min_queries).", DefaultValueFactory = _ => 100_000 };
        var scenario = new Option<string?>("--scenario") { Description = "Run under this scenario instead of the file's: server | offline | interactive | single_stream." };
        var command = new Command("simulate", "Simulator speed and memory: requests per wall-clock second, bytes allocated, peak working set, GC counts.")
        {
            file, requests, scenario,
        };
        command.SetAction(parse =>
        {
            Scenario? chosen = null;
            if (parse.GetValue(scenario) is { } name)
            {
                chosen = name switch
                {
                    "server" => Scenario.Server, "offline" => Scenario.Offline, "interactive" => Scenario.Interactive,
                    "single_stream" => Scenario.SingleStream, _ => null,
                };
                if (chosen is null) return Usage(output, $"unknown scenario '{name}' (server, offline, interactive, single_stream)");
            }
            var (result, error) = SimulatorBenchmark.Measure(new SimulatorBenchmarkOptions(parse.GetValue(file)!, parse.GetValue(requests), chosen));
            if (result is null)
            {
                output.Error.WriteLine($"error: {error}");
                return ExitCodes.Errors;
            }
            SimulatorBenchmark.Print(result, output.Out);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static ModelArchitecture? Shape(string name) => name switch
    {
        "default" => EngineBenchmarkOptions.DefaultShape,
        "small" => new ModelArchitecture(2, 128, 4, 2, 352, 1024, 512, 10000, 1e-5, DType.F32),
        "100m" => CpuBackendBenchmarkOptions.DefaultShape,
        _ => null,
    };

    private static string? CountProblem(int? threads, int iterations) =>
        threads is < 1 ? $"--threads must be at least 1, got {threads}"
        : iterations < 1 ? $"--iterations must be at least 1, got {iterations}"
        : null;

    /// <summary>A GGUF file must be a readable regular file that starts with the GGUF magic; the rest is read by the engine.</summary>
    private static string? GgufProblem(string path)
    {
        if (InputFiles.Check(path, long.MaxValue) is { } problem) return $"{problem.Message} ({problem.Hint})";
        Span<byte> magic = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("GGUF"u8)
            ? null
            : $"'{path}' is not a GGUF file (it does not start with the GGUF magic)";
    }

    private static int Usage(CliOutput output, string message)
    {
        output.Error.WriteLine($"error: {message}");
        return ExitCodes.Usage;
    }

    private static IReadOnlyList<int>? ParseInts(string text)
    {
        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0) return null;
            values.Add(value);
        }
        return values;
    }
}
