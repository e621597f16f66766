namespace Pipeline.Serving.Execution;

/// <summary>
/// A request's KV blocks read out of one worker's cache, in the layout of <c>PagedKvCache.ReadBlocks</c>
/// (null <see cref="Data"/> under the cost model, which moves no data).
/// </summary>
/// <param name="RequestId">Whose KV.</param>
/// <param name="Blocks">Number of blocks.</param>
/// <param name="Bytes">Bytes on the link (at the model's KV element type).</param>
/// <param name="Seconds">Seconds the read (or the modelled link transfer) took.</param>
/// <param name="Data">The floats, when really copied.</param>
public sealed record KvSnapshot(int RequestId, int Blocks, long Bytes, double Seconds, float[]? Data);
