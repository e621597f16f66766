using Pipeline.Plans.Catalog;
using Pipeline.Plans.Costs;

namespace Pipeline.Plans.Tests.Rendering;

/// <summary>Hand-built plans that exercise every field the renderers print.</summary>
internal static class SamplePlans
{
    /// <summary>llama-2-70b, colocated on 2 workers x tp 2 h100-sxm, continuous batching, Poisson server load, a 2-axis sweep.</summary>
    public static ExperimentPlan Colocated()
    {
        ModelCatalog.TryGet("llama-2-70b", out var model);
        AcceleratorCatalog.TryGet("h100-sxm", out var h100);
        MlperfSlos.TryGet("llama-2-70b", Scenario.Server, out var slo);
        var kv = KvCacheSizing.Compute(model!, h100!, 2, 16).Geometry;
        var costs = PhaseCostCalculator.Compute(model!, h100, 2, 1000, 1200);
        var execution = new ExecutionPlan(
            new ModelPlan("llama-2-70b", model!, new RandomWeights(42)),
            new DeploymentPlan([new WorkerPoolPlan(PoolRole.Colocated, 2, 2, h100!, kv)], RoutingPolicy.LeastLoaded, null),
            new BatchingPlan(BatchingPolicy.Continuous, 64, 8192, 0, 16, PreemptionMode.Recompute, PrefillSchedule.Mixed),
            costs);
        var sweep = new SweepPlan(
            [new SweepAxis("workload.rate", [1, 2.5]), new SweepAxis("batching.max_batch", [8, 64])],
            [
                Run(0, ("workload.rate", 1), ("batching.max_batch", 8)),
                Run(1, ("workload.rate", 1), ("batching.max_batch", 64)),
                Run(2, ("workload.rate", 2.5), ("batching.max_batch", 8)),
                Run(3, ("workload.rate", 2.5), ("batching.max_batch", 64)),
            ]);
        var benchmark = new BenchmarkPlan(
            Scenario.Server,
            BenchmarkMode.Simulate,
            new WorkloadPlan(new PoissonArrivals(2.5), new NormalLength(1000, 200.5, 1, 4000), new FixedLength(200), 500, null, 7),
            slo!,
            Duration: 600,
            MinQueryCount: 100,
            Seed: 1,
            ["ttft", "tpot", "throughput"],
            sweep);
        return new ExperimentPlan("llama70b-server", "examples/llama70b.pipe", execution, benchmark);
    }

    /// <summary>A tiny random model on the local CPU, disaggregated, with interval arrivals and declared SLOs.</summary>
    public static ExperimentPlan DisaggregatedLocal()
    {
        var model = new ModelArchitecture(2, 64, 4, 2, 128, 100, 256, 10_000, 1e-6, DType.F32);
        var local = AcceleratorCatalog.Local(LocalBackend.Cpu);
        var kv = KvCacheSizing.Compute(model, local, 1, 8).Geometry;
        var execution = new ExecutionPlan(
            new ModelPlan("tiny", model, new GgufWeights("models/tiny \"q8\".gguf")),
            new DeploymentPlan(
                [
                    new WorkerPoolPlan(PoolRole.Prefill, 1, 1, local, kv),
                    new WorkerPoolPlan(PoolRole.Decode, 2, 1, local, kv),
                ],
                RoutingPolicy.RoundRobin,
                new KvTransferLink(25e9, 0.002)),
            new BatchingPlan(BatchingPolicy.Chunked, 8, 512, 0.005, 8, PreemptionMode.Swap, PrefillSchedule.Separate),
            PhaseCostCalculator.Compute(model, local, 1, 32, 48));
        var benchmark = new BenchmarkPlan(
            Scenario.SingleStream,
            BenchmarkMode.Execute,
            new WorkloadPlan(new FixedIntervalArrivals(0.25), new UniformLength(16, 48), new LogNormalLength(20, 5, 1, 64), null, 30, 3),
            new SloPlan([new SloLimit(LatencyMetric.E2e, 99.9, 1.5, SloOrigin.Declared), new SloLimit(LatencyMetric.Itl, 50, 0.0125, SloOrigin.Declared)]),
            Duration: null,
            MinQueryCount: 10,
            Seed: 5,
            [],
            Sweep: null);
        return new ExperimentPlan("tiny-local", "spec/tiny.pipe", execution, benchmark);
    }

    private static SweepRun Run(int index, params (string Key, double Value)[] settings) =>
        new(index, settings.Select(s => new KeyValuePair<string, double>(s.Key, s.Value)).ToArray());
}
