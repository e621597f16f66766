using Pipeline.Plans;

namespace Pipeline.Serving.Scheduling;

/// <summary>Settings of one worker's scheduler.</summary>
/// <param name="Batching">Policy and limits.</param>
/// <param name="KvBlocks">Blocks of the worker's KV cache (block size is <see cref="BatchingPlan.KvBlockSize"/>).</param>
/// <param name="ContextLength">Longest sequence the model accepts.</param>
/// <param name="PrefillOnly">A disaggregated prefill worker: a request leaves after its first token and its KV is handed off.</param>
/// <param name="HostBlocks">Host-memory blocks for swap preemption (null: as many as the device has).</param>
/// <param name="WatermarkFraction">Share of blocks admissions leave free (vLLM's default is 1%).</param>
public sealed record SchedulerOptions(
    BatchingPlan Batching,
    int KvBlocks,
    int ContextLength,
    bool PrefillOnly = false,
    int? HostBlocks = null,
    double WatermarkFraction = 0.01);
