using System.Globalization;
using Pipeline.Engine;
using Pipeline.Kernels;
using Pipeline.Kernels.Cpu;
using Pipeline.Plans.Costs;

namespace Pipeline.Benchmarks;

/// <summary>
/// The fast CPU backend side by side with llama.cpp on the same GGUF files (random weights; f32 and f16 as we write
/// them, quantised files made by llama.cpp's quantiser), each figure the best of <see cref="CpuBackendBenchmarkOptions.Repeats"/>:
/// batch-1 decode tokens/s and the fraction of the machine's triad bandwidth it reaches, the batch-16 / batch-1
/// step-time ratio (ours and llama.cpp's, its sixteen sequences sharing one cache), the least that ratio can be at the
/// best rate either engine reaches here, and llama.cpp's batch-16 step over
/// ours (above 1: ours is faster), and prefill tokens/s and GFLOP/s, plus a per-kernel breakdown. Wall-clock figures: on a
/// shared machine run it when it is quiet, and compare columns of one run only.
/// </summary>
public static class CpuBackendBenchmark
{
    private const int ProfileBlockSize = 16;

    /// <summary>Runs the benchmark and writes a markdown report to <paramref name="output"/>.</summary>
    public static void Run(CpuBackendBenchmarkOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var shape = options.Shape ?? CpuBackendBenchmarkOptions.DefaultShape;
        int threads = options.ThreadCount;
        var prompt = Prompt(options.PromptLength, shape.Vocab, options.Seed);
        var directory = Directory.CreateTempSubdirectory("pipeline-cpu-bench-").FullName;
        try
        {
            double bandwidth = MemoryBandwidthProbe.Measure(threads);
            using var backend = new CpuKernelBackend(threads);
            output.WriteLine(Invariant($"## Fast CPU backend vs llama.cpp ({backend.DeviceName})"));
            output.WriteLine();
            output.WriteLine(Invariant($"Model: {shape.Layers} layers, hidden {shape.Hidden}, heads {shape.Heads}/{shape.KvHeads}, ffn {shape.FfnHidden}, vocab {shape.Vocab}; prompt {prompt.Length} tokens; {options.Iterations} decode steps; triad bandwidth {bandwidth / 1e9:F1} GB/s ({threads} threads)."));
            output.WriteLine();
            output.WriteLine("| weights | MB streamed/token | ours b1 tok/s | llama.cpp b1 tok/s | ratio | ours GB/s (of triad) | b16 step / b1 step | b16 floor / b1 | llama.cpp b16 / b1 | b16 step ratio | ours prefill tok/s | ours prefill GFLOP/s | llama.cpp prefill tok/s | ratio |");
            output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            var weights = RandomWeightsGenerator.Generate(shape, options.Seed);
            var profiles = new List<string>();
            foreach (var format in options.FormatList)
            {
                var path = Path.Combine(directory, $"model-{format}.gguf");
                BenchWeightFiles.Write(weights, format, path);
                var row = Measure(backend, path, prompt, options, bandwidth, profiles, format);
                output.WriteLine(row);
                output.Flush();
                File.Delete(path);
            }
            output.WriteLine();
            output.WriteLine("b16 floor / b1: sixteen tokens' decode FLOPs at the fastest rate either engine reached here (its prefill's FLOP/s, over");
            output.WriteLine("larger products than a batch-16 step's), over our batch-1 step; a batch-16 step under it would need a faster rate.");
            foreach (var profile in profiles) output.WriteLine(profile);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Measure(CpuKernelBackend backend, string path, int[] prompt, CpuBackendBenchmarkOptions options, double bandwidth, List<string> profiles, BenchWeights format)
    {
        using var profiler = new CpuBackendProfiler(backend);
        using var model = TransformerModel.Create(profiler, GgufModelLoader.Load(path));
        var run = new ModelRunBenchmark(model, prompt, options.Iterations);
        double prefill = run.PrefillSeconds();
        var steps = options.BatchSizes.ToDictionary(batch => batch, batch => Enumerable.Range(0, options.Repeats).Min(_ => run.DecodeStepSeconds(batch)));
        if (options.Profile)
        {
            profiles.Add(Breakdown($"{format} prefill of {prompt.Length} tokens", ProfilePrefill(model, profiler, prompt)));
            foreach (int batch in options.BatchSizes)
                profiles.Add(Breakdown($"{format} decode step, batch {batch}", ProfileDecode(model, profiler, prompt, batch, options.Iterations)));
        }
        double b1 = steps.TryGetValue(1, out var s1) ? s1 : double.NaN;
        double b16 = steps.TryGetValue(16, out var s16) ? s16 : double.NaN;
        (double Prefill, double Decode)? llama = null;
        double? llamaB16 = null;
        string llamaError = "";
        if (options.CompareLlamaCpp)
        {
            try
            {
                for (int r = 0; r < options.Repeats; r++)
                {
                    var once = LlamaCppBenchmark.Run(path, prompt, options.Iterations, options.ThreadCount, steps.ContainsKey(16) ? 16 : null);
                    llama = llama is { } best
                        ? (Math.Max(best.Prefill, once.PrefillTokensPerSecond), Math.Max(best.Decode, once.DecodeTokensPerSecond))
                        : (once.PrefillTokensPerSecond, once.DecodeTokensPerSecond);
                    if (once.BatchStepSeconds is { } step16) llamaB16 = Math.Min(llamaB16 ?? double.MaxValue, step16);
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or TypeInitializationException or DllNotFoundException or LLama.Exceptions.RuntimeError)
            {
                llamaError = ex.Message;
            }
        }
        var costs = PhaseCostCalculator.Compute(model.Architecture, accelerator: null, tensorParallel: 1, prompt.Length, prompt.Length + 1);
        double prefillFlops = costs.Prefill.Flops;
        double ours = 1 / b1;
        double bestRate = Math.Max(prefillFlops / prefill, llama?.Prefill is { } lp ? lp * prefillFlops / prompt.Length : 0);
        double b16Floor = 16 * costs.Decode.Flops / bestRate;
        return Invariant($"| {format} | {model.WeightBytes / 1e6:F0} | {ours:F1} | {Cell(llama?.Decode, "F1")} | {Cell(llama?.Decode is { } d ? ours / d : null, "F2")} | {model.WeightBytes / b1 / 1e9:F1} ({model.WeightBytes / b1 / bandwidth:P0}) | {b16 / b1:F2} | {b16Floor / b1:F2} | {Cell(llamaB16 is { } l16 && llama?.Decode is { } ld ? l16 * ld : null, "F2")} | {Cell(llamaB16 / b16, "F2")} | {prompt.Length / prefill:F0} | {prefillFlops / prefill / 1e9:F1} | {Cell(llama?.Prefill, "F0")} | {Cell(llama?.Prefill is { } p ? prompt.Length / prefill / p : null, "F2")} |")
            + (llamaError.Length > 0 ? $" llama.cpp failed: {llamaError}" : "");
    }

    private static Dictionary<string, (double, int)> ProfilePrefill(TransformerModel model, CpuBackendProfiler profiler, int[] prompt)
    {
        int blocks = (prompt.Length + ProfileBlockSize - 1) / ProfileBlockSize;
        using var cache = model.CreateKvCache(blocks, ProfileBlockSize);
        var chunk = new SequenceChunk(prompt, 0, Enumerable.Range(0, blocks).ToArray(), true);
        model.Forward([chunk], cache);
        return Profiled(profiler, 1, () => model.Forward([chunk], cache));
    }

    /// <summary>Per-kernel time of decode steps of <paramref name="batch"/> sequences sharing the prompt (its KV blocks copied, as a prefix cache would).</summary>
    private static Dictionary<string, (double, int)> ProfileDecode(TransformerModel model, CpuBackendProfiler profiler, int[] prompt, int batch, int steps)
    {
        int promptBlocks = (prompt.Length + ProfileBlockSize - 1) / ProfileBlockSize;
        int perSequence = (prompt.Length + steps + 1 + ProfileBlockSize - 1) / ProfileBlockSize;
        using var cache = model.CreateKvCache(batch * perSequence, ProfileBlockSize);
        var tables = Enumerable.Range(0, batch).Select(s => Enumerable.Range(s * perSequence, perSequence).ToArray()).ToArray();
        model.Forward([new SequenceChunk(prompt, 0, tables[0], false)], cache);
        var floats = new float[promptBlocks * 2 * cache.Shape.Layers * cache.Shape.FloatsPerBlockPerLayer];
        cache.ReadBlocks(tables[0].AsSpan(0, promptBlocks), floats);
        for (int s = 1; s < batch; s++) cache.WriteBlocks(tables[s].AsSpan(0, promptBlocks), floats);
        int position = prompt.Length;
        List<SequenceChunk> Step() => tables.Select(t => new SequenceChunk([prompt[^1]], position, t, true)).ToList();
        model.Forward(Step(), cache); // warm-up
        position++;
        return Profiled(profiler, steps, () => model.Forward(Step(), cache), () => position++);
    }

    private static Dictionary<string, (double, int)> Profiled(CpuBackendProfiler profiler, int passes, Action pass, Action? between = null)
    {
        profiler.Reset();
        profiler.Enabled = true;
        try
        {
            for (int i = 0; i < passes; i++)
            {
                pass();
                between?.Invoke();
            }
        }
        finally
        {
            profiler.Enabled = false;
        }
        return profiler.Totals.ToDictionary(kv => kv.Key, kv => (kv.Value.Seconds / passes, kv.Value.Calls / passes));
    }

    private static string Breakdown(string title, Dictionary<string, (double Seconds, int Calls)> totals)
    {
        double all = totals.Values.Sum(t => t.Seconds);
        var lines = totals.OrderByDescending(kv => kv.Value.Seconds)
            .Select(kv => Invariant($"  {kv.Key,-22} {kv.Value.Seconds * 1e3,9:F3} ms {kv.Value.Seconds / all,6:P1}  ({kv.Value.Calls} calls)"));
        return Invariant($"\n{title}: {all * 1e3:F2} ms in kernels\n") + string.Join('\n', lines);
    }

    private static int[] Prompt(int length, int vocab, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => random.Next(3, vocab)).ToArray();
    }

    private static string Cell(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
