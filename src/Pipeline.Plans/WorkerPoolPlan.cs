namespace Pipeline.Plans;

/// <summary>What a pool of workers does.</summary>
public enum PoolRole
{
    /// <summary>Prefill and decode on the same workers.</summary>
    Colocated,
    /// <summary>Prefill only; KV cache is shipped to a decode worker.</summary>
    Prefill,
    /// <summary>Decode only; receives KV cache from prefill workers.</summary>
    Decode,
}

/// <summary>
/// A pool of identical workers. A worker is one model replica spread over <see cref="TensorParallel"/> x
/// <see cref="PipelineParallel"/> accelerators: <c>PipelineParallel</c> stages of consecutive layers, each split
/// over <c>TensorParallel</c> shards.
/// </summary>
/// <param name="Role">What the pool does.</param>
/// <param name="Workers">Number of replicas.</param>
/// <param name="TensorParallel">Accelerators per replica (tensor-parallel degree).</param>
/// <param name="Accelerator">The accelerator each shard runs on.</param>
/// <param name="KvCache">KV-cache geometry of one worker (all its stages).</param>
/// <param name="PipelineParallel">Pipeline stages per replica (pipeline-parallel degree).</param>
/// <param name="StepTokens">Most tokens one step carries (the batching's <c>max_batched_tokens</c>): the runtime keeps
/// activation memory for them before it sizes the KV cache (<c>KvCacheSizing</c>).</param>
public sealed record WorkerPoolPlan(
    PoolRole Role,
    int Workers,
    int TensorParallel,
    AcceleratorSpec Accelerator,
    KvCacheGeometry KvCache,
    int PipelineParallel = 1,
    int StepTokens = 0)
{
    /// <summary>Accelerators of one replica: <c>TensorParallel x PipelineParallel</c>.</summary>
    public int AcceleratorsPerWorker => TensorParallel * PipelineParallel;
}
