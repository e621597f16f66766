namespace Pipeline.Plans.Costs;

/// <summary>
/// Sizes a worker's paged KV cache: what is left of each accelerator's memory after its weight shard and a reserve
/// for activations, workspace and the runtime is cut into blocks. The reserve follows the stack's rule
/// (<see cref="MemoryUtilisationBase"/>): 1 - <c>memory_utilisation</c> of the device's memory (vLLM's
/// <c>gpu_memory_utilization</c>, 0.9), or 1 - <c>memory_utilisation</c> of what the weights leave free
/// (TensorRT-LLM's <c>kv_cache_free_gpu_mem_fraction</c>, 0.9). Either way the activations of the largest step the
/// runtime plans for come off first (<see cref="ActivationBytesPerShard"/>): vLLM profiles a forward pass of
/// <c>max_num_batched_tokens</c> and subtracts its peak, TensorRT-LLM allocates the engine's activation buffers for
/// <c>max_num_tokens</c> before it measures what is free.
/// Integer arithmetic throughout (sub-byte types round each shard's bytes up), so block counts are exact. Under pipeline parallelism each stage's accelerators hold
/// their stage's layers only (weights and KV, <see cref="PipelineStages"/>); a block spans every stage, so the stage
/// that runs out first (the one with the most layers, or the embedding's or LM head's) sets the block count, and the
/// replica's <c>pp</c> micro-batch slots share them out, so each slot's share must hold a full-context sequence.
/// </summary>
public static class KvCacheSizing
{
    /// <summary>Sizes the KV cache of one worker.</summary>
    /// <param name="model">The model (its KV type sizes the cache).</param>
    /// <param name="accelerator">The accelerator of every shard.</param>
    /// <param name="tensorParallel">Shards per worker (at least 1). KV heads are split across shards; when the degree
    /// exceeds the KV heads, each shard keeps a whole (replicated) head, so bytes per token grow.</param>
    /// <param name="blockSize">Tokens per block (at least 1).</param>
    /// <param name="pipelineParallel">Pipeline stages per worker (at least 1, at most the layers).</param>
    /// <param name="stepTokens">Most tokens in one step (activation workspace); 0 keeps none.</param>
    /// <returns>The geometry and the memory budget behind it (weights of the heaviest stage's accelerators).</returns>
    public static KvCacheSizingResult Compute(ModelArchitecture model, AcceleratorSpec accelerator, int tensorParallel, int blockSize, int pipelineParallel = 1, int stepTokens = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentOutOfRangeException.ThrowIfLessThan(tensorParallel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(stepTokens);
        long workspace = ActivationBytesPerShard(model, tensorParallel, stepTokens);
        if (pipelineParallel > 1)
        {
            return ComputeStaged(model, accelerator, tensorParallel, blockSize, pipelineParallel, workspace);
        }

        long memory = (long)Math.Floor(accelerator.MemoryCapacity);
        long weights = WeightBytesPerShard(model, tensorParallel);
        long reserve = Reserve(memory, weights, workspace, accelerator.Cost);

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

    private static KvCacheSizingResult ComputeStaged(ModelArchitecture model, AcceleratorSpec accelerator, int tp, int blockSize, int pp, long workspace)
    {
        long memory = (long)Math.Floor(accelerator.MemoryCapacity);
        long kvBytesPerLayer = model.KvType.BytesFor(2L * CeilDiv(model.KvHeads, tp) * model.HeadDim); // one token, one shard
        var layers = PipelineStages.Layers(model.Layers, pp);
        var weights = WeightBytesPerStage(model, tp, pp);
        long blocks = int.MaxValue;
        for (var k = 0; k < pp; k++)
        {
            long available = Math.Max(0, memory - Reserve(memory, weights[k], workspace, accelerator.Cost) - weights[k]);
            blocks = Math.Min(blocks, available / (kvBytesPerLayer * layers[k] * blockSize));
        }
        var geometry = new KvCacheGeometry(kvBytesPerLayer * model.Layers * tp, blockSize, (int)blocks);
        long heaviest = weights.Max();
        long reserve = Reserve(memory, heaviest, workspace, accelerator.Cost);
        return new KvCacheSizingResult(
            geometry,
            heaviest,
            (double)geometry.BytesPerToken * model.ContextLength,
            memory,
            reserve,
            // The replica's pp micro-batch slots (virtual engines) each get 1/pp of the blocks, and each must hold one sequence.
            Fits: heaviest + reserve <= memory && blocks / pp >= CeilDiv(model.ContextLength, blockSize));
    }

    /// <summary>
    /// Weight bytes on one accelerator of each pipeline stage: the stage's layers (norms replicated, the rest split
    /// over <paramref name="tensorParallel"/>), plus the embedding on the first stage and the final norm and LM head
    /// on the last. With one stage this is <c>[WeightBytesPerShard]</c>.
    /// </summary>
    public static long[] WeightBytesPerStage(ModelArchitecture model, int tensorParallel, int pipelineParallel)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = PipelineStages.Layers(model.Layers, pipelineParallel);
        long embedding = (long)model.Vocab * model.Hidden, norms = 2L * model.Hidden;
        var bytes = new long[pipelineParallel];
        for (var k = 0; k < pipelineParallel; k++)
        {
            long sharded = layers[k] * (model.ParametersPerLayer - norms), replicated = layers[k] * norms;
            if (k == 0) sharded += embedding;
            if (k == pipelineParallel - 1)
            {
                sharded += embedding;
                replicated += model.Hidden;
            }
            bytes[k] = model.WeightType.BytesFor(CeilDiv(sharded, tensorParallel) + replicated);
        }
        return bytes;
    }

    /// <summary>
    /// KV-cache bytes on one accelerator of the fullest stage of a worker whose whole cache is <paramref name="workerBytes"/>:
    /// split over <paramref name="tensorParallel"/> shards and, by layers, over the stages.
    /// </summary>
    public static double KvBytesPerAccelerator(double workerBytes, int layers, int tensorParallel, int pipelineParallel)
    {
        var perShard = workerBytes / Math.Max(1, tensorParallel);
        return pipelineParallel <= 1 ? perShard : perShard * PipelineStages.Layers(layers, pipelineParallel).Max() / layers;
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

    /// <summary>
    /// Activation bytes one shard keeps for a step of <paramref name="stepTokens"/> tokens: the peak of a layer's
    /// forward pass, per token the hidden state three times (input, residual, normed), the QKV projection's output,
    /// and the MLP's gate and up outputs with their SwiGLU product (the sharded ones split over
    /// <paramref name="tensorParallel"/>), in the 16-bit activation type (f32 for f32 models). Layers run one after
    /// another and reuse the buffers, so the peak is one layer's.
    /// </summary>
    public static long ActivationBytesPerShard(ModelArchitecture model, int tensorParallel, int stepTokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        long perToken = 3L * model.Hidden + CeilDiv(model.Hidden + 2L * model.KvDim, tensorParallel) + 3 * CeilDiv(model.FfnHidden, tensorParallel);
        return stepTokens * perToken * model.ActivationBytes;
    }

    /// <summary>
    /// Bytes of one accelerator neither weights nor KV may use: the step's activation workspace, then the share the
    /// stack keeps back, of the device's memory or of what the weights and the workspace leave free.
    /// </summary>
    private static long Reserve(long memory, long weights, long workspace, CostParameters cost)
    {
        if (cost.MemoryUtilisationOf == MemoryUtilisationBase.Free)
        {
            long free = Math.Max(0, memory - weights - workspace);
            return workspace + free - (long)Math.Floor(free * cost.MemoryUtilisation);
        }
        return memory - (long)Math.Floor(memory * cost.MemoryUtilisation) + workspace;
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
