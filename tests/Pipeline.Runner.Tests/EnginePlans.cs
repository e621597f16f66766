namespace Pipeline.Runner.Tests;

/// <summary>Execute-mode plans on the fast CPU backend with small random-weight models.</summary>
internal static class EnginePlans
{
    /// <summary>Tiny: for token-level correctness (greedy tokens must not depend on scheduling).</summary>
    public static readonly TestPlan Tiny = new()
    {
        Model = TestPlan.Tiny,
        Accelerator = TestPlan.LocalCpu with { Local = LocalBackend.Cpu },
        Mode = BenchmarkMode.Execute,
        BlockSize = 8,
        KvBlocks = 1024,
        MaxBatch = 16,
        MaxBatchedTokens = 1024,
        Workload = new WorkloadPlan(new PoissonArrivals(50), new UniformLength(4, 40), new UniformLength(2, 24), 24, null, 3),
    };

    /// <summary>Small but memory-visible (about 4M parameters, 16 MB): for step-time scaling.</summary>
    public static readonly ModelArchitecture Small = new(4, 256, 8, 4, 768, 2048, 2048, 10000, 1e-5, DType.F32);

    /// <summary>About 0.5M parameters: for policy behaviours, where many steps run.</summary>
    public static readonly ModelArchitecture Mid = new(2, 128, 4, 2, 384, 512, 2048, 10000, 1e-5, DType.F32);

    public static IReadOnlyList<int>[] Tokens(RunResult result) =>
        result.Timelines.OrderBy(t => t.RequestId).Select(t => t.OutputTokens).ToArray();
}
