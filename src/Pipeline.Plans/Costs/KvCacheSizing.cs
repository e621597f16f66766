namespace Pipeline.Plans.Costs;

/// <summary>
/// Sizes a worker's paged KV cache: what is left of each accelerator's memory after its weight shard and a reserve
/// (1 - the accelerator's <c>memory_utilisation</c>, 10% by default as vLLM's and TensorRT-LLM's 0.9, for
/// activations, workspace and the runtime) is cut into blocks.
/// Integer arithmetic throughout (sub-byte types round each shard's bytes up), so block counts are exact.
/// </summary>
public static class KvCacheSizing
{
    /// <summary>Sizes the KV cache of one worker.</summary>
    /// <param name="model">The model (its KV type sizes the cache).</param>
    /// <param name="accelerator">The accelerator of every shard.</param>
    /// <param name="tensorParallel">Shards per worker (at least 1). KV heads are split across shards; when the degree
    /// exceeds the KV heads, each shard keeps a whole (replicated) head, so bytes per token grow.</param>
    /// <param name="blockSize">Tokens per block (at least 1).</param>
    /// <returns>The geometry and the memory budget behind it.</returns>
    public static KvCacheSizingResult Compute(ModelArchitecture model, AcceleratorSpec accelerator, int tensorParallel, int blockSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentOutOfRangeException.ThrowIfLessThan(tensorParallel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);

        long memory = (long)Math.Floor(accelerator.MemoryCapacity);
        // The server takes memory_utilisation of memory for weights and KV; the rest is workspace and runtime.
        long reserve = memory - (long)Math.Floor(memory * accelerator.Cost.MemoryUtilisation);
        long weights = WeightBytesPerShard(model, tensorParallel);

        long kvHeadsPerShard = CeilDiv(model.KvHeads, tensorParallel);
        long shardBytesPerToken = model.KvType.BytesFor(2L * model.Layers * kvHeadsPerShard * model.HeadDim);
        long shardBytesPerBlock = shardBytesPerToken * blockSize;
        long available = Math.Max(0, memory - reserve - weights);
        long blocks = Math.Min(available / shardBytesPerBlock, int.MaxValue);

        var geometry = new KvCacheGeometry(shardBytesPerToken * tensorParallel, blockSize, (int)blocks);
        long blocksForFullContext = CeilDiv(model.ContextLength, blockSize);
        return new KvCacheSizingResult(
            geometry,
            weights,
            (double)geometry.BytesPerToken * model.ContextLength,
            memory,
            reserve,
            Fits: weights + reserve <= memory && blocks >= blocksForFullContext);
    }

    /// <summary>
    /// Weight bytes on one shard: embedding, LM head and block projections are split (rounded up); the RMSNorm
    /// weights (two per layer and the final one) are replicated on every shard.
    /// </summary>
    internal static long WeightBytesPerShard(ModelArchitecture model, int tensorParallel)
    {
        long replicated = 2L * model.Layers * model.Hidden + model.Hidden;
        long sharded = model.Parameters - replicated;
        return model.WeightType.BytesFor(CeilDiv(sharded, tensorParallel) + replicated);
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
