using Pipeline.Plans;

namespace Pipeline.Benchmarks;

/// <summary>What <see cref="SimulatorBenchmark"/> runs.</summary>
/// <param name="ExperimentPath">A simulate-mode experiment file (default: NVIDIA's MLPerf v4.1 Llama 2 70B on 8x H200).</param>
/// <param name="Requests">Queries to serve: the file is recompiled with <c>workload.requests</c> and <c>benchmark.min_queries</c> set to this.</param>
/// <param name="Scenario">Compile under this scenario (e.g. Offline from a Server file), or as written when null.</param>
public sealed record SimulatorBenchmarkOptions(string ExperimentPath = SimulatorBenchmarkOptions.DefaultExperiment, int Requests = 100_000, Scenario? Scenario = null)
{
    /// <summary>The default experiment: Llama 2 70B fp8 on 8 H200 workers, MLPerf Server at 101 queries/s.</summary>
    public const string DefaultExperiment = "examples/mlperf/h200-server.pipe";
}
