using Pipeline.Plans;

namespace Pipeline.Benchmarks;

/// <summary>What <see cref="EngineBenchmark.Run"/> measures.</summary>
/// <param name="Backend">Kernel backend to run the engine on.</param>
/// <param name="Shape">Model shape with random weights (ignored when <paramref name="GgufPath"/> is set; default <see cref="DefaultShape"/>).</param>
/// <param name="GgufPath">A llama GGUF file to benchmark instead of random weights.</param>
/// <param name="Threads">Worker threads for the CPU backends, the bandwidth probe and llama.cpp (default: all cores).</param>
/// <param name="PromptLength">Prompt tokens per sequence (the decode context).</param>
/// <param name="Iterations">Timed repetitions (decode steps per batch size; prefill runs at most 3).</param>
/// <param name="Batches">Decode batch sizes (default 1, 4, 16, 64).</param>
/// <param name="CompareLlamaCpp">Also run llama.cpp (LLamaSharp) on the same GGUF weights.</param>
/// <param name="Seed">Seed of the random weights and prompt.</param>
public sealed record EngineBenchmarkOptions(
    LocalBackend Backend = LocalBackend.Auto,
    ModelArchitecture? Shape = null,
    string? GgufPath = null,
    int? Threads = null,
    int PromptLength = 128,
    int Iterations = 8,
    IReadOnlyList<int>? Batches = null,
    bool CompareLlamaCpp = true,
    int Seed = 1)
{
    /// <summary>A small Llama (4 layers, hidden 512, GQA 2:1, vocab 4096; 16M parameters, 64 MB in f32).</summary>
    public static ModelArchitecture DefaultShape { get; } =
        new(Layers: 4, Hidden: 512, Heads: 8, KvHeads: 4, FfnHidden: 1408, Vocab: 4096, ContextLength: 1024,
            RopeTheta: 10000.0, NormEpsilon: 1e-5, WeightType: DType.F32);

    /// <summary>The decode batch sizes to run.</summary>
    public IReadOnlyList<int> BatchSizes => Batches ?? [1, 4, 16, 64];
}
