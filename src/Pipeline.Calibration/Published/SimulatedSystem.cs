namespace Pipeline.Calibration.Published;

/// <summary>
/// How a published system is simulated, configured as its submitters did: one replica of its deployment standing for
/// all (each serves an independent share of a Poisson stream: all-at-once Offline queries, or arrivals routed at
/// random), or every replica where the harness routes queries by the replicas' load, lets them take queries from one
/// shared queue, or gathers arrivals and sends them in groups in turn (no replica's share is then a Poisson stream of
/// its own).
/// </summary>
/// <param name="Accelerator">Catalogue accelerator.</param>
/// <param name="Power">Board power limit, watts, when the system ran its accelerators above the rated power.</param>
/// <param name="TensorParallel">Accelerators per pipeline stage of a replica.</param>
/// <param name="Replicas">Data-parallel replicas (accelerators / (tensor x pipeline parallelism)).</param>
/// <param name="MaxBatch">Largest batch of one replica.</param>
/// <param name="TokenBudget">Most tokens per step.</param>
/// <param name="Batching">The batching block's policy settings (<c>policy = continuous   prefill = mixed</c>, ...).</param>
/// <param name="Stack">The serving stack in words.</param>
/// <param name="Weights">Weight element type (<c>fp8</c>, or <c>fp4</c> with an fp8 KV cache).</param>
/// <param name="PipelineParallel">Pipeline stages per replica (the table's <c>pp</c>).</param>
/// <param name="Dispatch">The harness's <c>dispatch</c> setting (<c>gather(size: 96, window: 300 ms)</c>, <c>shared_queue</c>), or null: each query is routed as it arrives.</param>
/// <param name="Routing">The harness's <c>routing</c> of single queries (<c>least_requests</c>), or null: each replica's share is independent.</param>
public sealed record SimulatedSystem(
    string Accelerator,
    double? Power,
    int TensorParallel,
    int Replicas,
    int MaxBatch,
    int TokenBudget,
    string Batching,
    string Stack,
    string Weights = "fp8",
    int PipelineParallel = 1,
    string? Dispatch = null,
    string? Routing = null)
{
    /// <summary>Replicas the experiment runs: one for all, or all of them when the harness routes by load, shares a queue or gathers arrivals.</summary>
    public int SimulatedReplicas => Dispatch is null && Routing is null ? 1 : Replicas;

    /// <summary>True when the harness gathers arrivals and sends them in bursts (<c>dispatch = gather(...)</c>).</summary>
    public bool GathersArrivals => Dispatch?.StartsWith("gather(", StringComparison.Ordinal) == true;

    /// <summary>How many simulated runs make the whole system: its rate, queries and tokens/s are this many times the run's.</summary>
    public int Shares => Replicas / SimulatedReplicas;
}
