namespace Pipeline.Serving.Scheduling;

/// <summary>An order to copy a sequence's KV blocks between the device cache and host memory (swap).</summary>
/// <param name="RequestId">Whose blocks; the host copy is keyed by it.</param>
/// <param name="Blocks">Device blocks, in position order: the source of a swap-out, the destination of a swap-in.</param>
public sealed record KvMoveOrder(int RequestId, IReadOnlyList<int> Blocks);
