namespace Pipeline.Plans.Costs;

/// <summary>How a model's weights and KV cache fill one worker (a replica over <c>tensorParallel</c> accelerators).</summary>
/// <param name="Geometry">The worker's KV cache: bytes per token summed over its shards, block size, blocks that fit.</param>
/// <param name="WeightBytesPerAccelerator">Weight bytes on each shard (sharded weights split, norms replicated).</param>
/// <param name="KvBytesForFullContext">KV bytes of one context-length sequence on the worker (summed over shards).</param>
/// <param name="MemoryPerAccelerator">Device memory of each accelerator, in bytes.</param>
/// <param name="ReserveBytesPerAccelerator">Memory kept back on each shard for activations and workspace.</param>
/// <param name="Fits">True when, after weights and the reserve, each worker's blocks hold one full-context sequence.</param>
public sealed record KvCacheSizingResult(
    KvCacheGeometry Geometry,
    double WeightBytesPerAccelerator,
    double KvBytesForFullContext,
    double MemoryPerAccelerator,
    double ReserveBytesPerAccelerator,
    bool Fits);
