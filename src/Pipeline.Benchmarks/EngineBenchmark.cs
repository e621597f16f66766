using Pipeline.Engine;
using Pipeline.Plans;

namespace Pipeline.Benchmarks;

/// <summary>
/// One run that measures the machine and the engine side by side: host memory bandwidth, the batch-1 decode
/// step's achieved bandwidth as a fraction of it, prefill GFLOP/s, decode tokens/s at several batch sizes, and
/// llama.cpp's prefill and decode tokens/s on the same GGUF weights.
/// </summary>
public static class EngineBenchmark
{
    /// <summary>Runs the benchmark, prints a table to <paramref name="output"/> and returns the figures.</summary>
    public static EngineBenchmarkResult Run(EngineBenchmarkOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PromptLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Iterations);
        var threads = options.Threads ?? Environment.ProcessorCount;

        output.WriteLine("Measuring memory bandwidth (STREAM triad) ...");
        var bandwidth = MemoryBandwidthProbe.Measure(threads);

        var weights = options.GgufPath is { } path ? GgufModelLoader.Load(path) : RandomWeightsGenerator.Generate(options.Shape ?? EngineBenchmarkOptions.DefaultShape, options.Seed);
        var a = weights.Architecture;
        if (options.PromptLength + options.Iterations + 2 > a.ContextLength)
        {
            throw new ArgumentException($"Prompt {options.PromptLength} + {options.Iterations} steps exceed the model's context {a.ContextLength}.");
        }
        var random = new Random(options.Seed);
        var prompt = Enumerable.Range(0, options.PromptLength).Select(_ => random.Next(3, a.Vocab)).ToArray();

        // llama.cpp runs first, before the engine's backend (and its worker threads) exists. Its spin-waiting thread pool
        // is very sensitive to other busy threads: with 2 threads on an oversubscribed machine its decode fell ~1000x.
        var llama = options.CompareLlamaCpp ? RunLlamaCpp(options, weights, prompt, threads, output) : null;
        var (device, weightBytes, prefill, decode) = RunEngine(options, weights, prompt, output);
        var modelText = Describe(a, weightBytes, options.GgufPath);

        // Batch-1 traffic: every weight once plus the K and V of the whole context, per step.
        var kvBytes = 2.0 * a.Layers * (options.PromptLength + options.Iterations / 2.0) * a.KvDim * sizeof(float);
        var batchOne = decode.FirstOrDefault(d => d.Batch == 1);
        var achieved = batchOne is null ? 0 : (weightBytes + kvBytes) / batchOne.StepSeconds;
        var prefillFlops = Pipeline.Plans.Costs.PhaseCostCalculator.Compute(a, accelerator: null, tensorParallel: 1, options.PromptLength, options.PromptLength).Prefill.Flops;

        var prefillTps = options.PromptLength / prefill;
        if (llama is { Error: null })
        {
            llama = llama with
            {
                PrefillRatio = prefillTps / llama.PrefillTokensPerSecond,
                DecodeRatio = batchOne is null ? 0 : batchOne.TokensPerSecond / llama.DecodeTokensPerSecond,
            };
        }

        var result = new EngineBenchmarkResult(device, modelText, bandwidth, achieved, achieved / bandwidth, prefill, prefillTps,
            prefillFlops / prefill / 1e9, decode, llama);
        EngineBenchmarkTable.Write(result, options, output);
        return result;
    }

    private static (string Device, long WeightBytes, double Prefill, List<DecodeFigure> Decode) RunEngine(
        EngineBenchmarkOptions options, ModelWeights weights, int[] prompt, TextWriter output)
    {
        using var backend = BackendFactory.Create(options.Backend, options.Threads);
        using var model = TransformerModel.Create(backend, weights);
        output.WriteLine($"Running the engine on {model.DeviceName}: {Describe(weights.Architecture, model.WeightBytes, options.GgufPath)} ...");
        var runner = new ModelRunBenchmark(model, prompt, options.Iterations);
        var prefill = runner.PrefillSeconds();
        var decode = options.BatchSizes.Select(b =>
        {
            var step = runner.DecodeStepSeconds(b);
            return new DecodeFigure(b, step, b / step);
        }).ToList();
        return (model.DeviceName, model.WeightBytes, prefill, decode);
    }

    private static LlamaCppFigures RunLlamaCpp(EngineBenchmarkOptions options, ModelWeights weights, int[] prompt, int threads, TextWriter output)
    {
        output.WriteLine("Running llama.cpp (LLamaSharp) on the same weights ...");
        var path = options.GgufPath;
        var temporary = path is null;
        try
        {
            if (path is null)
            {
                path = Path.Combine(Path.GetTempPath(), $"pipeline-bench-{Environment.ProcessId}.gguf");
                GgufWriter.Write(path, weights);
            }
            var (prefill, decode, _) = LlamaCppBenchmark.Run(path, prompt, options.Iterations, threads);
            return new LlamaCppFigures(prefill, decode, 0, 0);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // llama.cpp is a comparison, not the subject: report why it did not run instead of failing the benchmark.
            return new LlamaCppFigures(0, 0, 0, 0, ex.Message);
        }
        finally
        {
            if (temporary && path is not null) File.Delete(path);
        }
    }

    private static string Describe(ModelArchitecture a, long weightBytes, string? gguf) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{(gguf is null ? "random" : Path.GetFileName(gguf))} L{a.Layers} H{a.Hidden} heads {a.Heads}/{a.KvHeads} ffn {a.FfnHidden} vocab {a.Vocab}, {a.Parameters / 1e6:F1}M params, {weightBytes / 1048576.0:F1} MiB streamed per step");
}
