using Pipeline.Plans;

namespace Pipeline.Benchmarks.Gpu;

/// <summary>What <see cref="GpuCheck"/> runs on: <see cref="LocalBackend.Cuda"/> (the GPU) or <see cref="LocalBackend.IlgpuCpu"/> (ILGPU's CPU accelerator, to run the script here).</summary>
/// <param name="Backend">The ILGPU backend under test.</param>
/// <param name="Sizes">The sizes of every measurement (<see cref="GpuCheckSizes.Full"/> for an H200, <see cref="GpuCheckSizes.Quick"/> here).</param>
/// <param name="Seed">Seed of every random input.</param>
public sealed record GpuCheckOptions(LocalBackend Backend, GpuCheckSizes Sizes, int Seed = 1);

/// <summary>The sizes of a GPU check: shapes are <c>(K, N)</c> for products <c>y[batch, N] = x[batch, K] W[N, K]^T</c>.</summary>
public sealed record GpuCheckSizes(
    long ProbeFloats,
    int FmaThreads,
    int FmaIterations,
    IReadOnlyList<(int K, int N)> GemvShapes,
    IReadOnlyList<int> GemvBatches,
    (int M, int K, int N) Gemm,
    IReadOnlyList<int> AttentionContexts,
    int AttentionSequences,
    ModelArchitecture AttentionShape,
    ModelArchitecture ParityModel,
    int ParitySteps,
    ModelArchitecture Model,
    int ModelPrompt,
    IReadOnlyList<int> ModelBatches,
    int Repetitions)
{
    /// <summary>The sizes, for a GPU: 1 GiB probes, 4096x4096 and 8192x28672 GEMVs, a Llama-shaped ~1.1B-parameter f16 model.</summary>
    public static GpuCheckSizes Full { get; } = new(
        ProbeFloats: 1L << 28, FmaThreads: 1 << 20, FmaIterations: 4096,
        GemvShapes: [(4096, 4096), (8192, 28672)], GemvBatches: [1, 8, 32],
        Gemm: (2048, 4096, 4096),
        AttentionContexts: [512, 1024, 2048, 4096, 8192], AttentionSequences: 16,
        AttentionShape: new ModelArchitecture(1, 4096, 32, 8, 14336, 32000, 8192, 500000, 1e-5, DType.F16),
        ParityModel: new ModelArchitecture(4, 512, 8, 4, 1408, 4096, 512, 10000, 1e-5, DType.F32), ParitySteps: 32,
        Model: new ModelArchitecture(16, 2048, 32, 8, 8192, 32000, 2048, 500000, 1e-5, DType.F16), ModelPrompt: 512,
        ModelBatches: [1, 64], Repetitions: 10);

    /// <summary>
    /// Tiny sizes for ILGPU's CPU accelerator (the script's <c>--quick</c>, and the test suite): one-layer models and 8
    /// parity steps, because every kernel launch there costs milliseconds of simulated-thread scheduling.
    /// </summary>
    public static GpuCheckSizes Quick { get; } = new(
        ProbeFloats: 1L << 16, FmaThreads: 64, FmaIterations: 256,
        GemvShapes: [(128, 40)], GemvBatches: [1, 4],
        Gemm: (40, 64, 48),
        AttentionContexts: [24, 40], AttentionSequences: 2,
        AttentionShape: new ModelArchitecture(1, 64, 4, 2, 128, 300, 128, 10000, 1e-5, DType.F32),
        ParityModel: new ModelArchitecture(1, 64, 4, 2, 160, 300, 128, 10000, 1e-5, DType.F32), ParitySteps: 8,
        Model: new ModelArchitecture(1, 64, 4, 2, 160, 300, 128, 10000, 1e-5, DType.F16), ModelPrompt: 8,
        ModelBatches: [1, 2], Repetitions: 1);
}
