namespace Pipeline.Plans;

/// <summary>The paged KV cache of one worker.</summary>
/// <param name="BytesPerToken">KV bytes one token takes on the worker (all layers, K and V, summed over its shards).</param>
/// <param name="BlockSize">Tokens per block.</param>
/// <param name="BlocksPerWorker">Blocks that fit in the worker's memory after weights (and the reserve).</param>
public sealed record KvCacheGeometry(long BytesPerToken, int BlockSize, int BlocksPerWorker)
{
    /// <summary>Bytes of one block.</summary>
    public long BytesPerBlock => BytesPerToken * BlockSize;

    /// <summary>Tokens the whole cache holds.</summary>
    public long TokenCapacity => (long)BlockSize * BlocksPerWorker;
}
