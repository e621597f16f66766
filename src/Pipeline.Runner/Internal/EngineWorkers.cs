using Pipeline.Engine;
using Pipeline.Plans;
using Pipeline.Runner.Execution;
using Pipeline.Serving.Execution;
using Pipeline.Serving.Loop;

namespace Pipeline.Runner.Internal;

/// <summary>Builds execute-mode workers: weights loaded once, then one backend, model and KV cache per worker.</summary>
internal static class EngineWorkers
{
    /// <summary>
    /// A worker's cache never needs more blocks than the workload can hold at once (<paramref name="footprint"/>), so
    /// execute mode allocates at most that (plans sized for a datacentre GPU would otherwise allocate gigabytes on a laptop).
    /// </summary>
    public static int Blocks(WorkerPoolPlan pool, WorkloadFootprint footprint)
    {
        var needed = footprint.Blocks(pool.KvCache.BlockSize) + 1;
        return (int)Math.Max(1, Math.Min(pool.KvCache.BlocksPerWorker, needed));
    }

    /// <summary>
    /// Why the workers would not fit in this machine's memory, or null when they do: the weights loaded once, a copy of
    /// them in each worker's backend, and each worker's KV blocks (<see cref="Blocks"/>), against the memory the runtime
    /// may use (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>: the machine's, or its container's limit). A plan's
    /// <c>local</c> accelerator is a nominal device that each worker fits alone; the workers share one host.
    /// </summary>
    public static string? HostMemoryShortfall(ExecutionPlan plan, WorkloadFootprint footprint)
    {
        long weights = plan.Model.Architecture.WeightBytes;
        long workers = plan.Deployment.Pools.Sum(p => (long)p.Workers);
        long kv = plan.Deployment.Pools.Sum(p => p.Workers * (long)Blocks(p, footprint) * p.KvCache.BytesPerBlock);
        long needed = weights * (workers + 1) + kv;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return needed <= available ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{workers} worker(s) would hold {needed / 1e9:0.#} GB (the weights, {weights / 1e9:0.#} GB, once loaded and once in each worker, and {kv / 1e9:0.#} GB of KV blocks), more than the {available / 1e9:0.#} GB this machine lets the run use: use fewer workers or a smaller model");
    }

    public static IReadOnlyList<ServingWorker> Create(ExecutionPlan plan, ModelWeights weights, WorkloadFootprint footprint)
    {
        var created = new List<IStepExecutor>();
        try
        {
            return ServingDeployment.CreateWorkers(plan, (pool, _) =>
            {
                var backend = BackendFactory.Create(pool.Accelerator.Local ?? LocalBackend.Auto);
                try
                {
                    var model = TransformerModel.Create(backend, weights);
                    var executor = new EngineStepExecutor(model, model.CreateKvCache(Blocks(pool, footprint), pool.KvCache.BlockSize), owns: true);
                    created.Add(executor);
                    executor.WarmUp(plan.Batching.MaxBatch);
                    return executor;
                }
                catch
                {
                    backend.Dispose();
                    throw;
                }
            }, pool => Blocks(pool, footprint));
        }
        catch
        {
            foreach (var executor in created)
            {
                executor.Dispose();
            }
            throw;
        }
    }
}
