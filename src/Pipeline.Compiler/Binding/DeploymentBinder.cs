using Pipeline.Compiler.Internal;
using Pipeline.Language.Diagnostics;
using Pipeline.Language.Syntax;
using Pipeline.Language.Units;
using Pipeline.Plans;
using Pipeline.Plans.Catalog;
using Pipeline.Plans.Costs;

namespace Pipeline.Compiler.Binding;

/// <summary>
/// Binds <c>hardware { accelerator workers tp pp routing dispatch }</c> (one colocated pool) and, when present,
/// <c>disaggregation { prefill { ... } decode { ... } link { ... } routing }</c>, then checks every pool:
/// tensor parallelism against the heads, pipeline parallelism against the layers, the model's dtype against the
/// accelerator, and memory fit (each stage's accelerators hold their layers only).
/// </summary>
internal static class DeploymentBinder
{
    private static readonly Dictionary<string, RoutingPolicy> Routings = new(StringComparer.Ordinal)
    {
        ["round_robin"] = RoutingPolicy.RoundRobin, ["least_loaded"] = RoutingPolicy.LeastLoaded, ["least_requests"] = RoutingPolicy.LeastRequests,
    };

    /// <summary>Most workers of a pool: each is simulated with its own scheduler and KV cache (the largest deployments run hundreds).</summary>
    private const int MaxWorkers = 4096;

    private static readonly string[] PoolSettings = ["workers", "tp", "pp", "accelerator"];

    private static readonly Signature[] Dispatches = [Signature.Of("immediate"), Signature.Of("gather", "size", "window"), Signature.Of("shared_queue")];

    /// <summary>Most queries one gathered group may carry (a harness's batch, far above any published one).</summary>
    private const int MaxGroup = 1_000_000;

    // kvBlocksCap: blocks per worker asked for by `batching.kv_blocks` (at most what memory holds), if any.
    public static (DeploymentPlan? Plan, IReadOnlyList<PoolSpec> Pools) Bind(BindContext context, BlockReader experiment, BoundModel? model, int kvBlock, int? kvBlocksCap = null, int stepTokens = 0)
    {
        var hardware = new BlockReader(context, context.Source, experiment.NestedBlock("hardware"), "hardware", "hardware", ["accelerator", "workers", "tp", "pp", "routing", "dispatch"], fallback: experiment.Anchor);
        var defaultAccelerator = context.NameOverrides.TryGetValue("hardware.accelerator", out var chosen) ? AcceleratorBinder.Resolve(context, chosen)
            : hardware.Setting("accelerator") is { } a ? AcceleratorBinder.Resolve(context, a.Value) : AcceleratorCatalog.Local(LocalBackend.Auto);
        var routing = hardware.Option("routing", Routings, RoutingPolicy.RoundRobin, "routing policy");
        var dispatch = Dispatch(context, hardware);
        var pools = new List<PoolSpec>();
        KvTransferLink? link = null;
        var disaggregation = experiment.NestedBlock("disaggregation");
        if (disaggregation is null)
        {
            if (dispatch is SharedQueueDispatch && hardware.Setting("routing") is { } ignored)
            {
                context.Report(DiagnosticCatalog.IgnoredSetting(context.Source, ignored.Key.Span, "routing", "with `dispatch = shared_queue` (workers take arrivals themselves; only a decode pool is routed)"));
            }
            pools.Add(new PoolSpec(PoolRole.Colocated, "colocated pool", hardware.Int("workers", NumberRule.Count, 1, max: MaxWorkers), hardware.Int("tp", NumberRule.Count, 1, max: 1024),
                defaultAccelerator, hardware.SpanOf("tp"), hardware.SpanOf("accelerator"))
            {
                PipelineParallel = hardware.Int("pp", NumberRule.Count, 1, max: 1024), PpSpan = hardware.SpanOf("pp"),
            });
        }
        else
        {
            var reader = new BlockReader(context, context.Source, disaggregation, "disaggregation", "disaggregation", ["routing"], ["prefill", "decode", "link"]);
            routing = reader.Option("routing", Routings, routing, "routing policy");
            var defaultTp = hardware.Int("tp", NumberRule.Count, 1, max: 1024);
            var defaultPp = hardware.Int("pp", NumberRule.Count, 1, max: 1024);
            foreach (var (keyword, role) in new[] { ("prefill", PoolRole.Prefill), ("decode", PoolRole.Decode) })
            {
                var block = reader.NestedBlock(keyword);
                if (block is null)
                {
                    context.Report(DiagnosticCatalog.MissingSetting(context.Source, reader.Anchor, keyword, "disaggregation", $"add `{keyword} {{ workers = 1  tp = 8 }}`"));
                    continue;
                }
                var pool = new BlockReader(context, context.Source, block, "disaggregation." + keyword, keyword + " pool", PoolSettings);
                var accelerator = context.NameOverrides.TryGetValue($"disaggregation.{keyword}.accelerator", out var poolChoice) ? AcceleratorBinder.Resolve(context, poolChoice)
                    : pool.Setting("accelerator") is { } pa ? AcceleratorBinder.Resolve(context, pa.Value) : defaultAccelerator;
                pools.Add(new PoolSpec(role, keyword + " pool", pool.Int("workers", NumberRule.Count, 1, max: MaxWorkers), pool.Int("tp", NumberRule.Count, defaultTp, max: 1024),
                    accelerator, pool.SpanOf("tp"), pool.Setting("accelerator")?.Value.Span ?? hardware.SpanOf("accelerator"))
                {
                    PipelineParallel = pool.Int("pp", NumberRule.Count, defaultPp, max: 1024),
                    PpSpan = pool.Has("pp") ? pool.SpanOf("pp") : hardware.SpanOf("pp"),
                });
            }
            var linkReader = new BlockReader(context, context.Source, reader.NestedBlock("link"), "disaggregation.link", "link", ["bandwidth", "latency"], fallback: reader.Anchor);
            link = new KvTransferLink(
                linkReader.Number("bandwidth", Dimension.Bandwidth, NumberRule.Positive, 25e9) ?? 25e9,
                linkReader.Overhead("latency", 10e-6));
        }
        if (model is null || pools.Any(p => p.Accelerator is null)) return (null, pools);
        var plans = pools.Select(p => Size(context, model, p, kvBlock, stepTokens)).ToArray();
        if (kvBlocksCap is { } cap)
        {
            plans = plans.Select(p => p is null ? null : p with
            {
                KvCache = p.KvCache with { BlocksPerWorker = Math.Min(cap, p.KvCache.BlocksPerWorker) },
            }).ToArray();
        }
        return plans.Any(p => p is null) || pools.Count == 0 ? (null, pools) : (new DeploymentPlan(plans!, routing, link, dispatch), pools);
    }

    /// <summary><c>dispatch = immediate</c> (the default: null), <c>gather(size: N, window: T)</c> or <c>shared_queue</c>.</summary>
    private static ArrivalDispatch? Dispatch(BindContext context, BlockReader hardware)
    {
        if (hardware.Setting("dispatch") is not { } setting) return null;
        var call = CallReader.Read(context, hardware.Source, setting.Value, "dispatch", "dispatch policy", Dispatches);
        if (call?.Function == "shared_queue") return SharedQueueDispatch.Instance;
        if (call?.Function != "gather") return null;
        var size = ValueReader.Number(context, hardware.Source, call["size"], "size", "hardware.dispatch.size", Dimension.None, NumberRule.Count, 1);
        var window = ValueReader.Number(context, hardware.Source, call["window"], "window", "hardware.dispatch.window", Dimension.Time, NumberRule.Positive, 1);
        if (size > MaxGroup)
        {
            ValueReader.ReportOutOfRange(context, hardware.Source, call["size"]!.Span, "size", "hardware.dispatch.size", size.Value, $"[1, {MaxGroup}]");
            return null;
        }
        return size is null || window is null ? null : new ArrivalGathering((int)size.Value, window.Value);
    }

    private static WorkerPoolPlan? Size(BindContext context, BoundModel model, PoolSpec pool, int kvBlock, int stepTokens)
    {
        var a = model.Plan.Architecture;
        var accelerator = pool.Accelerator!;
        var ok = true;
        if (a.Heads % pool.TensorParallel != 0)
        {
            context.Report(DiagnosticCatalog.TpDoesNotDivideHeads(context.Source, pool.TpSpan, pool.Description, pool.TensorParallel, a.Heads));
            ok = false;
        }
        else if (a.KvHeads % pool.TensorParallel != 0)
        {
            context.Report(DiagnosticCatalog.TpDoesNotDivideKvHeads(context.Source, pool.TpSpan, pool.Description, pool.TensorParallel, a.KvHeads));
            ok = false;
        }
        if (pool.PipelineParallel > a.Layers)
        {
            context.Report(DiagnosticCatalog.PpExceedsLayers(context.Source, pool.PpSpan, pool.Description, pool.PipelineParallel, a.Layers));
            ok = false;
        }
        if (accelerator.PeakFlops(a.WeightType) is null)
        {
            context.Report(DiagnosticCatalog.DtypeUnsupported(context.Source, pool.AcceleratorSpan, a.WeightType.ToKeyword(), accelerator.Name,
                accelerator.DenseFlops.Keys.Select(t => t.ToKeyword())));
            ok = false;
        }
        if (!ok) return null;
        var pp = pool.PipelineParallel;
        var sizing = KvCacheSizing.Compute(a, accelerator, pool.TensorParallel, kvBlock, pp, stepTokens);
        if (!sizing.Fits)
        {
            var weights = KvCacheSizing.WeightBytesPerStage(a, pool.TensorParallel, pp).Sum() * (double)pool.TensorParallel;
            context.Report(DiagnosticCatalog.DoesNotFit(context.Source, pool.AcceleratorSpan, pool.Description, model.Plan.Name, pool.TensorParallel * pp,
                weights, sizing.KvBytesForFullContext, a.ContextLength, sizing.MemoryPerAccelerator,
                FitHint(a, accelerator, pool.TensorParallel, pp, kvBlock, stepTokens)));
            return null;
        }
        return new WorkerPoolPlan(pool.Role, pool.Workers, pool.TensorParallel, accelerator, sizing.Geometry, pp, stepTokens);
    }

    // More tensor parallelism first (it also cuts latency), then more stages.
    private static string FitHint(ModelArchitecture a, AcceleratorSpec accelerator, int tp, int pp, int kvBlock, int stepTokens)
    {
        const string reserve = "a step's activations and 10% of each accelerator's memory are kept back";
        for (var candidate = tp * 2; candidate <= 64; candidate *= 2)
        {
            if (a.Heads % candidate == 0 && a.KvHeads % candidate == 0 && KvCacheSizing.Compute(a, accelerator, candidate, kvBlock, pp, stepTokens).Fits)
            {
                return $"try tp = {candidate}; {reserve}";
            }
        }
        for (var candidate = pp * 2; candidate <= Math.Min(64, a.Layers); candidate *= 2)
        {
            if (KvCacheSizing.Compute(a, accelerator, tp, kvBlock, candidate, stepTokens).Fits)
            {
                return $"try pp = {candidate}; {reserve}";
            }
        }
        return $"use an accelerator with more memory or a smaller dtype; {reserve}";
    }
}
