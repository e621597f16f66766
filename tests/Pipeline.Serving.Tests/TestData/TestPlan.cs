using Pipeline.Plans;

namespace Pipeline.Serving.Tests.TestData;

/// <summary>
/// Hand-built plans for tests (until then instead of the compiler): every knob has a default and is changed
/// with <c>with</c>. Shared with the runner tests by file link.
/// </summary>
internal sealed record TestPlan
{
    /// <summary>A Llama-3.2-1B-like shape for the cost model.</summary>
    public static readonly ModelArchitecture Llama1B = new(16, 2048, 32, 8, 8192, 32000, 8192, 500000, 1e-5, DType.F16);

    /// <summary>A tiny shape the real engine runs quickly.</summary>
    public static readonly ModelArchitecture Tiny = new(2, 64, 4, 2, 128, 256, 1024, 10000, 1e-5, DType.F32);

    public static readonly AcceleratorSpec H100 = new(
        "h100-sxm",
        new Dictionary<DType, double> { [DType.F32] = 67e12, [DType.F16] = 989e12, [DType.BF16] = 989e12, [DType.FP8] = 1979e12 },
        3.35e12, 80e9, 450e9, "nvlink4")
    {
        // The behaviours below are a real runtime's: steps carry host overhead and kernels fall short of peak.
        Family = "nvidia-hopper", ComputeUnits = 132, Cost = Pipeline.Plans.Catalog.CostFamilies.NvidiaHopper,
    };

    public static readonly AcceleratorSpec LocalCpu = new(
        "local-cpu",
        new Dictionary<DType, double> { [DType.F32] = 50e9 },
        20e9, 4e9, 10e9, "memory", LocalBackend.Auto);

    public ModelArchitecture Model { get; init; } = Llama1B;
    public WeightsSource Weights { get; init; } = new RandomWeights(1);
    public AcceleratorSpec Accelerator { get; init; } = H100;
    public BatchingPolicy Policy { get; init; } = BatchingPolicy.Continuous;
    public PrefillSchedule PrefillSchedule { get; init; } = PrefillSchedule.Mixed;
    public PreemptionMode Preemption { get; init; } = PreemptionMode.Recompute;
    public int MaxBatch { get; init; } = 64;
    public int MaxBatchedTokens { get; init; } = 8192;
    public double MaxWait { get; init; } = 0.05;
    public int BlockSize { get; init; } = 16;
    public int KvBlocks { get; init; } = 4096;
    public int ColocatedWorkers { get; init; } = 1;
    public int PipelineParallel { get; init; } = 1;
    public int PrefillWorkers { get; init; }
    public int DecodeWorkers { get; init; }
    public RoutingPolicy Routing { get; init; } = RoutingPolicy.RoundRobin;
    public KvTransferLink? Link { get; init; } = new(50e9, 20e-6);
    public ArrivalDispatch? Dispatch { get; init; }
    public WorkloadPlan Workload { get; init; } = new(new PoissonArrivals(10), new FixedLength(128), new FixedLength(32), 50, null, 7);
    public BenchmarkMode Mode { get; init; } = BenchmarkMode.Simulate;
    public SloPlan Slo { get; init; } = new([]);
    public Scenario Scenario { get; init; } = Scenario.Server;
    public int MinQueries { get; init; }
    public double? MinDuration { get; init; }

    public BatchingPlan Batching => new(Policy, MaxBatch, MaxBatchedTokens, MaxWait, BlockSize, Preemption, PrefillSchedule);

    public ExecutionPlan Execution()
    {
        var geometry = new KvCacheGeometry(Model.KvBytesPerToken, BlockSize, KvBlocks);
        var pools = new List<WorkerPoolPlan>();
        if (PrefillWorkers > 0 || DecodeWorkers > 0)
        {
            pools.Add(new WorkerPoolPlan(PoolRole.Prefill, PrefillWorkers, 1, Accelerator, geometry));
            pools.Add(new WorkerPoolPlan(PoolRole.Decode, DecodeWorkers, 1, Accelerator, geometry));
        }
        else
        {
            pools.Add(new WorkerPoolPlan(PoolRole.Colocated, ColocatedWorkers, 1, Accelerator, geometry, PipelineParallel));
        }
        var costs = new PhaseCosts(0, 0, [], new PhaseCost(0, 0, null), new PhaseCost(0, 0, null));
        return new ExecutionPlan(
            new ModelPlan("test-model", Model, Weights),
            new DeploymentPlan(pools, Routing, pools.Count > 1 ? Link : null, Dispatch),
            Batching,
            costs);
    }

    public ExperimentPlan Experiment(string name = "test") => new(
        name, "test.pipe", Execution(),
        new BenchmarkPlan(Scenario, Mode, Workload, Slo, MinDuration, MinQueries, Workload.Seed, [], null));
}
