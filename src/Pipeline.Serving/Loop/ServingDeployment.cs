using Pipeline.Plans;
using Pipeline.Serving.Execution;
using Pipeline.Serving.Scheduling;
using Pipeline.Serving.Workload;

namespace Pipeline.Serving.Loop;

/// <summary>
/// Builds the workers of an <see cref="ExecutionPlan"/>'s deployment (pools in plan order, workers numbered
/// across pools) and runs workloads on them. Colocated is simply a deployment with one pool.
/// </summary>
public static class ServingDeployment
{
    /// <summary>Creates one scheduler per worker and asks <paramref name="executors"/> for each worker's executor.</summary>
    /// <param name="plan">The execution plan.</param>
    /// <param name="executors">Makes the executor of a worker: (pool, worker index).</param>
    /// <param name="kvBlocks">Blocks of a worker's cache; null uses the pool's <see cref="KvCacheGeometry.BlocksPerWorker"/>.</param>
    public static IReadOnlyList<ServingWorker> CreateWorkers(
        ExecutionPlan plan,
        Func<WorkerPoolPlan, int, IStepExecutor> executors,
        Func<WorkerPoolPlan, int>? kvBlocks = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(executors);
        var workers = new List<ServingWorker>();
        foreach (var pool in plan.Deployment.Pools)
        {
            var batching = plan.Batching with { KvBlockSize = pool.KvCache.BlockSize };
            var blocks = kvBlocks?.Invoke(pool) ?? pool.KvCache.BlocksPerWorker;
            for (var i = 0; i < pool.Workers; i++)
            {
                var options = new SchedulerOptions(batching, blocks, plan.Model.Architecture.ContextLength, pool.Role == PoolRole.Prefill);
                workers.Add(new ServingWorker(workers.Count, pool.Role, new Scheduler(options), executors(pool, workers.Count)));
            }
        }
        return workers;
    }

    /// <summary>Simulate mode's workers: one cost-model executor per worker (the one place they are built).</summary>
    public static IReadOnlyList<ServingWorker> CreateSimulatedWorkers(ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return CreateWorkers(plan, (pool, _) => new CostModelStepExecutor(plan.Model.Architecture, pool, plan.Deployment.KvTransfer));
    }

    /// <summary>Simulate mode: serves the requests on cost-model executors and returns the run.</summary>
    public static ServingRun Simulate(ExecutionPlan plan, IReadOnlyList<ServingRequest> requests, ServingLoopOptions? options = null) =>
        new ServingLoop(CreateSimulatedWorkers(plan), plan.Deployment.Routing).Run(requests, options);
}
