using Pipeline.Plans;

namespace Pipeline.Benchmarks;

/// <summary>What <see cref="CpuBackendBenchmark.Run"/> measures.</summary>
/// <param name="Threads">Threads for the fast CPU backend, the bandwidth probe and llama.cpp (default: all cores).</param>
/// <param name="Shape">Model shape with random weights (default <see cref="DefaultShape"/>).</param>
/// <param name="Formats">Weight files to write and run (default f32 and f16).</param>
/// <param name="PromptLength">Prompt tokens (prefill size and decode context).</param>
/// <param name="Iterations">Timed decode steps per batch size.</param>
/// <param name="Batches">Decode batch sizes (default 1 and 16).</param>
/// <param name="CompareLlamaCpp">Also run llama.cpp (LLamaSharp) on the same GGUF files.</param>
/// <param name="Profile">Print a per-kernel time breakdown of one prefill and of batch-1 and batch-16 decode steps.</param>
/// <param name="Seed">Seed of the random weights and prompt.</param>
/// <param name="Repeats">Decode is measured this many times in the run (ours and llama.cpp's), the best kept; prefill is the best of three.</param>
public sealed record CpuBackendBenchmarkOptions(
    int? Threads = null,
    ModelArchitecture? Shape = null,
    IReadOnlyList<BenchWeights>? Formats = null,
    int PromptLength = 64,
    int Iterations = 8,
    IReadOnlyList<int>? Batches = null,
    bool CompareLlamaCpp = true,
    bool Profile = true,
    int Seed = 1,
    int Repeats = 3)
{
    /// <summary>
    /// The ~100M-parameter Llama of the brief: 8 layers, hidden 1024 (16 heads, 4 KV heads), ffn 2816, vocab 32000:
    /// 90M parameters in the blocks plus a 33M LM head, streamed per decode step (the 33M embedding is only gathered).
    /// </summary>
    public static ModelArchitecture DefaultShape { get; } =
        new(Layers: 8, Hidden: 1024, Heads: 16, KvHeads: 4, FfnHidden: 2816, Vocab: 32000, ContextLength: 512,
            RopeTheta: 10000.0, NormEpsilon: 1e-5, WeightType: DType.F32);

    /// <summary>Threads to use.</summary>
    public int ThreadCount => Threads ?? Environment.ProcessorCount;

    /// <summary>The weight files to run.</summary>
    public IReadOnlyList<BenchWeights> FormatList => Formats ?? [BenchWeights.F32, BenchWeights.F16];

    /// <summary>The decode batch sizes to run.</summary>
    public IReadOnlyList<int> BatchSizes => Batches ?? [1, 16];
}
