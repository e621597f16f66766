using System.Globalization;
using Pipeline.Plans;

namespace Pipeline.Runner.Internal;

/// <summary>Plain-words descriptions of a plan's scheduling and deployment for results.</summary>
internal static class Describe
{
    public static string Policy(BatchingPlan b)
    {
        var preemption = b.Preemption == PreemptionMode.Swap ? "swap" : "recompute";
        return b.Policy switch
        {
            BatchingPolicy.Static => Invariant($"static, max_batch {b.MaxBatch}, max_wait {b.MaxWait * 1000:0.###} ms"),
            BatchingPolicy.Continuous => Invariant(
                $"continuous ({(b.PrefillSchedule == PrefillSchedule.Mixed ? "mixed" : "separate")} prefill), max_batch {b.MaxBatch}, max_batched_tokens {b.MaxBatchedTokens}, {preemption}"),
            _ => Invariant($"chunked prefill, max_batch {b.MaxBatch}, token budget {b.MaxBatchedTokens}, {preemption}"),
        };
    }

    public static string Deployment(DeploymentPlan d)
    {
        static string Workers(int n) => n == 1 ? "1 worker" : Invariant($"{n} workers");
        var routing = d.Routing == RoutingPolicy.RoundRobin ? "round-robin" : "least-loaded";
        if (!d.IsDisaggregated)
        {
            return $"colocated {Workers(d.Pools.Sum(p => p.Workers))}, {routing}";
        }
        var prefill = d.Pools.Where(p => p.Role == PoolRole.Prefill).Sum(p => p.Workers);
        var decode = d.Pools.Where(p => p.Role == PoolRole.Decode).Sum(p => p.Workers);
        return Invariant($"disaggregated {prefill} prefill + {decode} decode, {routing}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
