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
