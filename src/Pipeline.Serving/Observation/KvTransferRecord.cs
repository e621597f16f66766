namespace Pipeline.Serving.Observation;

/// <summary>One request's KV cache moving between the pools of a disaggregated deployment.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="SourceWorker">The prefill worker it leaves.</param>
/// <param name="TargetWorker">The decode worker it joins.</param>
/// <param name="Start">Seconds when the transfer started.</param>
/// <param name="End">Seconds when the KV arrived.</param>
/// <param name="Bytes">Bytes moved.</param>
public sealed record KvTransferRecord(int RequestId, int SourceWorker, int TargetWorker, double Start, double End, long Bytes);
