using Pipeline.Compiler.Internal;
using Pipeline.Language.Diagnostics;
using Pipeline.Language.Units;
using Pipeline.Plans;

namespace Pipeline.Compiler.Binding;

/// <summary>Binds <c>batching { policy max_batch max_batched_tokens max_wait kv_block kv_blocks preemption prefill }</c>.</summary>
internal static class BatchingBinder
{
    private static readonly Dictionary<string, BatchingPolicy> Policies = new(StringComparer.Ordinal)
    {
        ["static"] = BatchingPolicy.Static, ["continuous"] = BatchingPolicy.Continuous, ["chunked"] = BatchingPolicy.Chunked,
    };

    private static readonly Dictionary<string, PreemptionMode> Preemptions = new(StringComparer.Ordinal)
    {
        ["recompute"] = PreemptionMode.Recompute, ["swap"] = PreemptionMode.Swap,
    };

    private static readonly Dictionary<string, PrefillSchedule> Prefills = new(StringComparer.Ordinal)
    {
        ["mixed"] = PrefillSchedule.Mixed, ["separate"] = PrefillSchedule.Separate,
    };

    /// <summary>
    /// <c>kv_blocks</c>: KV-cache blocks per worker, a cap below what memory allows (vLLM's
    /// <c>num_gpu_blocks_override</c>), so an experiment can make its cache tight on purpose; null when not set.
    /// </summary>
    public static int? KvBlocks(BlockReader reader) =>
        reader.Has("kv_blocks") ? reader.Int("kv_blocks", NumberRule.Count, 1, max: 1 << 24) : null;

    public static (BatchingPlan Plan, BlockReader Reader) Bind(BindContext context, BlockReader experiment, int contextLength)
    {
        var reader = new BlockReader(context, context.Source, experiment.NestedBlock("batching"), "batching", "batching",
            ["policy", "max_batch", "max_batched_tokens", "max_wait", "kv_block", "kv_blocks", "preemption", "prefill"], fallback: experiment.Anchor);
        var policy = reader.Option("policy", Policies, BatchingPolicy.Continuous, "batching policy");
        var plan = new BatchingPlan(
            policy,
            MaxBatch: reader.Int("max_batch", NumberRule.Count, 32, max: 1 << 20),
            MaxBatchedTokens: reader.Tokens("max_batched_tokens", Math.Max(1, contextLength), max: 1 << 24),
            MaxWait: reader.Number("max_wait", Dimension.Time, NumberRule.NonNegative, 0) ?? 0,
            KvBlockSize: reader.Tokens("kv_block", 16, max: 1 << 16),
            Preemption: reader.Option("preemption", Preemptions, PreemptionMode.Recompute, "preemption mode"),
            PrefillSchedule: reader.Option("prefill", Prefills, PrefillSchedule.Mixed, "prefill schedule"));
        var policyName = Policies.First(p => p.Value == policy).Key;
        if (policy != BatchingPolicy.Static && reader.Setting("max_wait") is { } wait)
        {
            context.Report(DiagnosticCatalog.IgnoredSetting(context.Source, wait.Key.Span, "max_wait", $"under {policyName} batching (only static batching waits)"));
        }
        if (policy != BatchingPolicy.Continuous && reader.Setting("prefill") is { } prefill)
        {
            context.Report(DiagnosticCatalog.IgnoredSetting(context.Source, prefill.Key.Span, "prefill", $"under {policyName} batching (only continuous batching has a prefill schedule)"));
        }
        return (plan, reader);
    }
}
