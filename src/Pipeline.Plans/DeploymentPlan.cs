namespace Pipeline.Plans;

/// <summary>How requests are routed to a pool's workers.</summary>
public enum RoutingPolicy
{
    /// <summary>Workers in turn.</summary>
    RoundRobin,
    /// <summary>The worker with the fewest KV blocks in use (ties: lowest index).</summary>
    LeastLoaded,
    /// <summary>
    /// The worker holding the fewest requests, waiting or running (ties: lowest index): a least-outstanding-requests
    /// balancer, as NVIDIA's MLPerf harness hands each query to the tensor-parallel group with the fewest in flight.
    /// </summary>
    LeastRequests,
}

/// <summary>The link KV caches cross from prefill to decode workers.</summary>
/// <param name="Bandwidth">Bytes per second.</param>
/// <param name="Latency">Seconds per transfer, paid once.</param>
public sealed record KvTransferLink(double Bandwidth, double Latency);

/// <summary>
/// Where the model runs: one colocated pool, or a prefill pool and a decode pool joined by a KV-transfer link.
/// Colocated is the one-pool case of the same structure, not a different shape.
/// </summary>
/// <param name="Dispatch">How arrivals reach the entry pool's workers: gathered, or taken from a shared queue; null
/// (<c>immediate</c>): each arrival goes to the worker <see cref="Routing"/> picks as it comes.</param>
public sealed record DeploymentPlan(
    IReadOnlyList<WorkerPoolPlan> Pools,
    RoutingPolicy Routing,
    KvTransferLink? KvTransfer,
    ArrivalDispatch? Dispatch = null)
{
    /// <summary>True when prefill and decode run in separate pools.</summary>
    public bool IsDisaggregated => Pools.Any(p => p.Role == PoolRole.Prefill);

    /// <summary>
    /// True when <see cref="Routing"/> places anything: always, except a colocated pool behind a shared queue, whose
    /// workers take arrivals themselves (disaggregated, the decodes are still routed).
    /// </summary>
    public bool UsesRouting => Dispatch is not SharedQueueDispatch || IsDisaggregated;
}
