using System.Globalization;

namespace Pipeline.Plans.Rendering;

/// <summary>
/// One-line descriptions of a plan's values, shared by the plan renderers, run results and reports (the one home of
/// these words: weights, arrivals, lengths, the batching policy and the deployment).
/// </summary>
public static class Describe
{
    /// <summary>The batching policy in words, e.g. <c>continuous (mixed prefill), max_batch 64, max_batched_tokens 8192, recompute</c>.</summary>
    public static string Policy(BatchingPlan b)
    {
        ArgumentNullException.ThrowIfNull(b);
        var preemption = b.Preemption == PreemptionMode.Swap ? "swap" : "recompute";
        return b.Policy switch
        {
            BatchingPolicy.Static => Invariant($"static, max_batch {b.MaxBatch}, max_wait {b.MaxWait * 1000:0.###} ms"),
            BatchingPolicy.Continuous => Invariant(
                $"continuous ({(b.PrefillSchedule == PrefillSchedule.Mixed ? "mixed" : "separate")} prefill), max_batch {b.MaxBatch}, max_batched_tokens {b.MaxBatchedTokens}, {preemption}"),
            _ => Invariant($"chunked prefill, max_batch {b.MaxBatch}, token budget {b.MaxBatchedTokens}, {preemption}"),
        };
    }

    /// <summary>The deployment in words, e.g. <c>colocated 1 worker, round-robin</c> or <c>disaggregated 2 prefill + 1 decode, least-loaded</c>.</summary>
    public static string Deployment(DeploymentPlan d)
    {
        ArgumentNullException.ThrowIfNull(d);
        static string Workers(int n) => n == 1 ? "1 worker" : Invariant($"{n} workers");
        // The policy's keyword in words (round_robin is "round-robin"), then the dispatch when there is one.
        var parts = new List<string>();
        if (d.UsesRouting) parts.Add(Keywords.Of(d.Routing).Replace('_', '-'));
        if (d.Dispatch is not null) parts.Add(Dispatch(d.Dispatch));
        var routing = string.Join(", ", parts);
        if (!d.IsDisaggregated)
        {
            return $"colocated {Workers(d.Pools.Sum(p => p.Workers))}, {routing}";
        }
        var prefill = d.Pools.Where(p => p.Role == PoolRole.Prefill).Sum(p => p.Workers);
        var decode = d.Pools.Where(p => p.Role == PoolRole.Decode).Sum(p => p.Workers);
        return Invariant($"disaggregated {prefill} prefill + {decode} decode, {routing}");
    }

    /// <summary>How arrivals reach the entry pool: <c>immediate</c>, <c>gather(size 96, window 300 ms)</c> or <c>shared queue</c>.</summary>
    public static string Dispatch(ArrivalDispatch? dispatch) => dispatch switch
    {
        null => "immediate",
        ArrivalGathering gathering => $"gather(size {Units.Count(gathering.MaxQueries)}, window {Units.Seconds(gathering.Window)})",
        SharedQueueDispatch => "shared queue",
        _ => Keywords.SnakeCase(dispatch.GetType().Name),
    };

    /// <summary><c>random(seed 42)</c> or <c>gguf("models/x.gguf")</c>.</summary>
    public static string Weights(WeightsSource source) => source switch
    {
        RandomWeights r => $"random(seed {Units.Count(r.Seed)})",
        GgufWeights g => $"gguf({Quote(g.Path)})",
        _ => Keywords.SnakeCase(source.GetType().Name),
    };

    /// <summary><c>poisson(2 req/s)</c>, <c>interval(250 ms)</c>, ...</summary>
    public static string Arrivals(ArrivalProcess arrivals) => arrivals switch
    {
        AllAtOnceArrivals => "all_at_once",
        PoissonArrivals p => $"poisson({Units.Number(p.Rate)} req/s)",
        FixedIntervalArrivals f => $"interval({Units.Seconds(f.Interval)})",
        // Speed 1 (as recorded) is left out, so a plan reads as its file was written.
        TraceArrivals t => t.Speed == 1 ? $"trace({Quote(t.Path)})" : $"trace({Quote(t.Path)}, speed {Units.Number(t.Speed)}x)",
        _ => Keywords.SnakeCase(arrivals.GetType().Name),
    };

    /// <summary><c>fixed(128 tok)</c>, <c>normal(mean 1000, std 200) clamp(1, 4096) tok</c>, ...</summary>
    public static string Length(LengthDistribution length) => length switch
    {
        FixedLength f => $"fixed({Units.Count(f.Tokens)} tok)",
        UniformLength u => $"uniform({Units.Count(u.Min)}, {Units.Count(u.Max)}) tok",
        NormalLength n => $"normal(mean {Units.Number(n.Mean)}, std {Units.Number(n.StdDev)}) {Clamp(n)} tok",
        LogNormalLength l => $"lognormal(mean {Units.Number(l.Mean)}, std {Units.Number(l.StdDev)}) {Clamp(l)} tok",
        TraceLength t => $"from trace: min {Units.Count(t.Min)}, mean {Units.Number(t.Mean)}, max {Units.Count(t.Max)} tok",
        DatasetPrompts d => $"dataset({Quote(d.Path)}): {Units.Count(d.Rows)} rows, min {Units.Count(d.Min)}, mean {Units.Number(d.Mean)}, max {Units.Count(d.Max)} tok, "
            + (d.Tokenizer is { } t ? $"tokenized by {Quote(t)}" : $"estimated at {Pipeline.Core.Prompts.PromptTokens.BytesPerToken} bytes a token"),
        DatasetLength d => $"from dataset: min {Units.Count(d.Min)}, mean {Units.Number(d.Mean)}, max {Units.Count(d.Max)} tok",
        _ => $"{Keywords.SnakeCase(length.GetType().Name)} {Clamp(length)} tok",
    };

    /// <summary>Kind name of a weights source, arrival process or length distribution, for JSON.</summary>
    public static string Kind(object value) => value switch
    {
        RandomWeights => "random",
        GgufWeights => "gguf",
        AllAtOnceArrivals => "all_at_once",
        PoissonArrivals => "poisson",
        FixedIntervalArrivals => "interval",
        TraceArrivals => "trace",
        FixedLength => "fixed",
        UniformLength => "uniform",
        NormalLength => "normal",
        LogNormalLength => "lognormal",
        TraceLength => "trace",
        DatasetPrompts or DatasetLength => "dataset",
        _ => Keywords.SnakeCase(value.GetType().Name),
    };

    /// <summary>A double-quoted string with <c>\</c> and <c>"</c> escaped.</summary>
    public static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Clamp(LengthDistribution d) => $"clamp({Units.Count(d.Min)}, {Units.Count(d.Max)})";
}
