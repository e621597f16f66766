namespace Pipeline.Plans;

/// <summary>
/// What a serving runtime's memory share (<c>memory_utilisation</c>) is a share of: the two stacks in the published
/// results size their KV caches differently.
/// </summary>
public enum MemoryUtilisationBase
{
    /// <summary>
    /// Of the device's memory, for weights, activations and KV together (vLLM's <c>gpu_memory_utilization</c>): the KV
    /// cache is <c>memory_utilisation x memory - weights</c>.
    /// </summary>
    Device,

    /// <summary>
    /// Of the memory still free once the weights are loaded, for the KV cache alone (TensorRT-LLM's
    /// <c>kv_cache_free_gpu_mem_fraction</c>): the KV cache is <c>memory_utilisation x (memory - weights)</c>.
    /// </summary>
    Free,
}
