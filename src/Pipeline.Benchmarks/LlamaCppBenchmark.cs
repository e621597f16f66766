using System.Diagnostics;
using LLama;
using LLama.Common;
using LLama.Native;

namespace Pipeline.Benchmarks;

/// <summary>llama.cpp through LLamaSharp's low-level API: prompt and batch-1 decode throughput on a GGUF file.</summary>
internal static class LlamaCppBenchmark
{
    // Kept in a field: native code holds the callback for the life of the process.
    private static readonly NativeLogConfig.LLamaLogCallback Quiet = (_, _) => { };

    public static (double PrefillTokensPerSecond, double DecodeTokensPerSecond) Run(string path, int[] prompt, int iterations, int threads)
    {
        NativeLogConfig.llama_log_set(Quiet); // llama.cpp logs every load to stderr; the table is the output
        var parameters = new ModelParams(path)
        {
            ContextSize = (uint)(prompt.Length + iterations + 8),
            GpuLayerCount = 0,
            Threads = threads,
            BatchThreads = threads,
            BatchSize = (uint)prompt.Length,
            UBatchSize = (uint)prompt.Length,
            TypeK = GGMLType.GGML_TYPE_F32, // the engine keeps its KV cache in f32 too
            TypeV = GGMLType.GGML_TYPE_F32,
            FlashAttention = false,
        };
        using var weights = LLamaWeights.LoadFromFile(parameters);
        Prefill(weights, parameters, prompt); // warm-up
        var best = double.MaxValue;
        for (var i = 0; i < Math.Min(3, iterations); i++) best = Math.Min(best, Prefill(weights, parameters, prompt).Seconds);

        var (_, context) = Prefill(weights, parameters, prompt, keep: true);
        using (context)
        {
            var batch = new LLamaBatch();
            var watch = new Stopwatch();
            for (var i = 0; i <= iterations; i++)
            {
                batch.Clear();
                batch.Add(prompt[^1], prompt.Length + i, LLamaSeqId.Zero, true);
                if (i == 1) watch.Start(); // step 0 is the warm-up
                Check(context!.Decode(batch));
            }
            return (prompt.Length / best, iterations / watch.Elapsed.TotalSeconds);
        }
    }

    private static (double Seconds, LLamaContext? Context) Prefill(LLamaWeights weights, ModelParams parameters, int[] prompt, bool keep = false)
    {
        var context = weights.CreateContext(parameters);
        var batch = new LLamaBatch();
        for (var i = 0; i < prompt.Length; i++) batch.Add(prompt[i], i, LLamaSeqId.Zero, i == prompt.Length - 1);
        var watch = Stopwatch.StartNew();
        Check(context.Decode(batch));
        var seconds = watch.Elapsed.TotalSeconds;
        if (keep) return (seconds, context);
        context.Dispose();
        return (seconds, null);
    }

    private static void Check(DecodeResult result)
    {
        if (result != DecodeResult.Ok) throw new InvalidOperationException($"llama.cpp decode failed: {result}.");
    }
}
