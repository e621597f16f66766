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

    /// <summary>
    /// Prefill and batch-1 decode tokens per second, and with <paramref name="sequences"/> the seconds of one decode step
    /// for that many sequences at once (<see cref="DecodeStepSeconds"/>), all on one load of the file.
    /// </summary>
    public static (double PrefillTokensPerSecond, double DecodeTokensPerSecond, double? BatchStepSeconds) Run(string path, int[] prompt, int iterations, int threads,
        int? sequences = null)
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

        double decode;
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
            decode = iterations / watch.Elapsed.TotalSeconds;
        }
        var step = sequences is { } count ? DecodeStepSeconds(weights, path, prompt, iterations, threads, count) : (double?)null;
        return (prompt.Length / best, decode, step);
    }

    /// <summary>
    /// Seconds of one llama.cpp decode step for <paramref name="batch"/> sequences at once, as the engine's
    /// <c>ModelRunBenchmark.DecodeStepSeconds</c> measures its own: the prompt prefilled once and its cache copied to every
    /// sequence, one untimed step, then the mean of <paramref name="iterations"/> steps of one token per sequence.
    /// </summary>
    private static double DecodeStepSeconds(LLamaWeights weights, string path, int[] prompt, int iterations, int threads, int batch)
    {
        var parameters = new ModelParams(path)
        {
            ContextSize = (uint)(batch * (prompt.Length + iterations + 8)),
            SeqMax = (uint)batch,
            KVUnified = true, // one cache the sequences share, as the engine's paged cache
            GpuLayerCount = 0,
            Threads = threads,
            BatchThreads = threads,
            BatchSize = (uint)Math.Max(prompt.Length, batch),
            UBatchSize = (uint)Math.Max(prompt.Length, batch),
            TypeK = GGMLType.GGML_TYPE_F32,
            TypeV = GGMLType.GGML_TYPE_F32,
            FlashAttention = false,
        };
        using var context = weights.CreateContext(parameters);
        var step = new LLamaBatch();
        for (var i = 0; i < prompt.Length; i++) step.Add(prompt[i], i, LLamaSeqId.Zero, false);
        Check(context.Decode(step));
        for (var s = 1; s < batch; s++) context.NativeHandle.MemorySequenceCopy(LLamaSeqId.Zero, (LLamaSeqId)s, 0, prompt.Length);
        var watch = new Stopwatch();
        for (var i = 0; i <= iterations; i++)
        {
            step.Clear();
            for (var s = 0; s < batch; s++) step.Add(prompt[^1], prompt.Length + i, (LLamaSeqId)s, true);
            if (i == 1) watch.Start(); // step 0 is the warm-up
            Check(context.Decode(step));
        }
        return watch.Elapsed.TotalSeconds / iterations;
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
