using LLama;
using LLama.Common;
using LLama.Native;

namespace Pipeline.Engine.Tests.Conformance;

/// <summary>
/// llama.cpp (through LLamaSharp's low-level API) on a GGUF file: token ids go in directly, no tokenizer.
/// The KV cache is f32 and flash attention is off so the comparison is not limited by f16 rounding.
/// </summary>
public sealed class LlamaCppReference : IDisposable
{
    private static readonly NativeLogConfig.LLamaLogCallback Quiet = (_, _) => { };
    private readonly LLamaWeights _weights;
    private readonly ModelParams _parameters;

    /// <summary>Loads the model (CPU only, 2 threads).</summary>
    public LlamaCppReference(string path, int contextSize)
    {
        NativeLogConfig.llama_log_set(Quiet);
        _parameters = new ModelParams(path)
        {
            ContextSize = (uint)contextSize,
            GpuLayerCount = 0,
            Threads = 2,
            BatchSize = (uint)contextSize,
            UBatchSize = (uint)contextSize,
            TypeK = GGMLType.GGML_TYPE_F32,
            TypeV = GGMLType.GGML_TYPE_F32,
            FlashAttention = false,
        };
        _weights = LLamaWeights.LoadFromFile(_parameters);
    }

    /// <summary>Logits of the last prompt position.</summary>
    public float[] LastLogits(IReadOnlyList<int> prompt)
    {
        using var context = _weights.CreateContext(_parameters);
        return Prefill(context, prompt);
    }

    /// <summary>Greedy continuation of <paramref name="prompt"/>: <paramref name="count"/> argmax tokens.</summary>
    public IReadOnlyList<int> Greedy(IReadOnlyList<int> prompt, int count)
    {
        using var context = _weights.CreateContext(_parameters);
        var logits = Prefill(context, prompt);
        var tokens = new List<int>();
        var batch = new LLamaBatch();
        for (var position = prompt.Count; tokens.Count < count; position++)
        {
            tokens.Add(Sampler.ArgMax(logits));
            if (tokens.Count == count) break;
            batch.Clear();
            batch.Add(tokens[^1], position, LLamaSeqId.Zero, true);
            Decode(context, batch);
            logits = context.NativeHandle.GetLogitsIth(0).ToArray();
        }
        return tokens;
    }

    /// <inheritdoc />
    public void Dispose() => _weights.Dispose();

    private static float[] Prefill(LLamaContext context, IReadOnlyList<int> prompt)
    {
        var batch = new LLamaBatch();
        for (var i = 0; i < prompt.Count; i++) batch.Add(prompt[i], i, LLamaSeqId.Zero, i == prompt.Count - 1);
        Decode(context, batch);
        return context.NativeHandle.GetLogitsIth(prompt.Count - 1).ToArray();
    }

    private static void Decode(LLamaContext context, LLamaBatch batch)
    {
        var result = context.Decode(batch);
        if (result != DecodeResult.Ok) throw new InvalidOperationException($"llama.cpp decode failed: {result}.");
    }
}
