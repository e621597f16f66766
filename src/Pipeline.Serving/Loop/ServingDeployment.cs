using Pipeline.Plans;
using Pipeline.Serving.Execution;
using Pipeline.Serving.Scheduling;
using Pipeline.Serving.Workload;

namespace Pipeline.Serving.Loop;

/// <summary>
/// Builds the workers of an <see cref="ExecutionPlan"/>'s deployment (pools in plan order, workers numbered
/// across pools) and runs workloads on them. Colocated is simply a deployment with one pool. A replica of
/// <c>pp</c> pipeline stages is <c>pp</c> consecutive workers, its micro-batch slots (vLLM's virtual engines): each
/// has its own scheduler with <c>1/pp</c> of the replica's KV blocks, so the scheduler never sees stages, and up to
/// <c>pp</c> batches are in flight on the replica's shared stages (<see cref="StagePipeline"/>).
/// </summary>
public static class ServingDeployment
{
    /// <summary>Creates one scheduler per worker and asks <paramref name="executors"/> for each worker's executor.</summary>
    /// <param name="plan">The execution plan.</param>
    /// <param name="executors">Makes the executor of a worker: (pool, worker index); a replica's slots are made one after another.</param>
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
            var slots = Math.Max(1, pool.PipelineParallel);
            var blocks = (kvBlocks?.Invoke(pool) ?? pool.KvCache.BlocksPerWorker) / slots;
            for (var i = 0; i < pool.Workers * slots; i++)
            {
                var options = new SchedulerOptions(batching, blocks, plan.Model.Architecture.ContextLength, pool.Role == PoolRole.Prefill);
                workers.Add(new ServingWorker(workers.Count, pool.Role, new Scheduler(options), executors(pool, workers.Count)));
            }
        }
        return workers;
    }

    /// <summary>Simulate mode's workers: one cost-model executor per worker (the one place they are built).</summary>
    /// <param name="plan">The execution plan.</param>
    /// <param name="streamsTokens">True when the benchmark's scenario streams tokens (<see cref="ScenarioStreaming"/>),
    /// so each sampled token costs the host the accelerator's <c>stream_overhead</c>.</param>
    public static IReadOnlyList<ServingWorker> CreateSimulatedWorkers(ExecutionPlan plan, bool streamsTokens = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        StagePipeline? replica = null;
        var slot = 0;
        return CreateWorkers(plan, (pool, _) =>
        {
            // Slots of one replica come one after another: a new replica starts every pp slots.
            if (pool.PipelineParallel > 1 && (replica is null || replica.Stages != pool.PipelineParallel || slot % pool.PipelineParallel == 0))
            {
                replica = new StagePipeline(pool.PipelineParallel);
                slot = 0;
            }
            slot++;
            return new CostModelStepExecutor(plan.Model.Architecture, pool, plan.Deployment.KvTransfer, pool.PipelineParallel > 1 ? replica : null, streamsTokens);
        });
    }

    /// <summary>Simulate mode: serves the requests on cost-model executors and returns the run.</summary>
    public static ServingRun Simulate(ExecutionPlan plan, IReadOnlyList<ServingRequest> requests, ServingLoopOptions? options = null) =>
        new ServingLoop(CreateSimulatedWorkers(plan), plan.Deployment.Routing, plan.Deployment.Dispatch).Run(requests, options);
}
