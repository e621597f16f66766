using Pipeline.Compiler.Internal;
using Pipeline.Language.Diagnostics;
using Pipeline.Language.Syntax;
using Pipeline.Language.Text;
using Pipeline.Language.Units;
using Pipeline.Plans;
using Pipeline.Plans.Catalog;

namespace Pipeline.Compiler.Binding;

/// <summary>The rules a <c>preset</c> brought in (null parts when there is no preset or it could not apply).</summary>
internal sealed record PresetRules(BenchmarkPreset? Preset, MlperfRule? Rule, Core.Text.TextSpan Span);

/// <summary>Binds <c>benchmark { scenario preset mode duration min_queries seed metrics search }</c>.</summary>
internal static class BenchmarkBinder
{
    private static readonly Dictionary<string, Plans.Scenario> Scenarios = new(StringComparer.Ordinal)
    {
        ["offline"] = Plans.Scenario.Offline, ["server"] = Plans.Scenario.Server, ["single-stream"] = Plans.Scenario.SingleStream, ["interactive"] = Plans.Scenario.Interactive,
    };

    private static readonly Dictionary<string, BenchmarkMode> Modes = new(StringComparer.Ordinal)
    {
        ["execute"] = BenchmarkMode.Execute, ["simulate"] = BenchmarkMode.Simulate,
    };

    /// <summary>Metrics a benchmark can collect; also the default list, in report order.</summary>
    public static readonly string[] KnownMetrics = ["ttft", "tpot", "itl", "e2e", "throughput", "goodput"];

    public static BlockReader Reader(BindContext context, BlockReader experiment) =>
        new(context, context.Source, experiment.NestedBlock("benchmark"), "benchmark", "benchmark", ["scenario", "preset", "mode", "duration", "min_queries", "seed", "metrics", "search"], fallback: experiment.Anchor);

    private static readonly Signature[] PresetSignatures = [new("mlperf", ["scenario"], 0)];

    private static readonly Signature[] SearchSignatures = [new("peak_rate", ["tolerance"], 0)];

    /// <summary>The setting path a peak-rate search varies.</summary>
    public const string RatePath = "workload.arrivals.rate";

    /// <summary>
    /// The benchmark's scenario and its preset: <c>scenario</c> as written, else the preset's own
    /// (<c>preset = mlperf(interactive)</c>), else server; <c>preset = mlperf</c> alone follows the scenario.
    /// </summary>
    public static (Scenario Scenario, PresetRules Preset) ScenarioOf(BindContext context, BlockReader reader, BoundModel? model)
    {
        var written = reader.Setting("scenario") is { } setting && BlockReader.OptionOf(context, context.Source, setting.Value, "scenario", Scenarios, "scenario") is (true, var value)
            ? value : (Scenario?)null;
        written = context.ScenarioOverride ?? written;
        if (reader.Setting("preset") is not { } presetSetting)
        {
            return (written ?? Plans.Scenario.Server, new PresetRules(null, null, default));
        }
        var call = CallReader.Read(context, context.Source, presetSetting.Value, "preset", "benchmark preset", PresetSignatures);
        if (call is null) return (written ?? Plans.Scenario.Server, new PresetRules(null, null, default));
        Scenario? own = null;
        if (call["scenario"] is { } argument)
        {
            var (ok, chosen) = BlockReader.OptionOf(context, context.Source, argument, "scenario", Scenarios, "scenario");
            if (!ok) return (written ?? Plans.Scenario.Server, new PresetRules(null, null, default));
            own = chosen;
            if (written is { } scenario && scenario != chosen && context.ScenarioOverride is null)
            {
                context.Report(DiagnosticCatalog.PresetScenarioConflict(context.Source, argument.Span, call.Function, Keyword(chosen), Keyword(scenario)));
            }
        }
        var effective = written ?? own ?? Plans.Scenario.Server;
        if (model is null) return (effective, new PresetRules(null, null, call.Span));
        if (model.CatalogName is null || !MlperfRules.TryGet(model.CatalogName, effective, out var rule))
        {
            context.Report(DiagnosticCatalog.NoPresetForModel(context.Source, call.Span, call.Function, model.CatalogName ?? model.Plan.Name, MlperfRules.Models));
            return (effective, new PresetRules(null, null, call.Span));
        }
        return (effective, new PresetRules(new BenchmarkPreset(call.Function, effective), rule, call.Span));
    }

    private static string Keyword(Scenario scenario) => Scenarios.First(s => s.Value == scenario).Key;

    public static BenchmarkPlan Bind(BindContext context, BlockReader reader, Scenario scenario, PresetRules preset, WorkloadPlan workload, BlockReader workloadReader, SloPlan slo, IReadOnlyList<PoolSpec> pools)
    {
        var allLocal = pools.All(p => p.Accelerator?.Local is not null);
        var mode = reader.Option("mode", Modes, allLocal ? BenchmarkMode.Execute : BenchmarkMode.Simulate, "benchmark mode");
        if (mode == BenchmarkMode.Execute && pools.FirstOrDefault(p => p.Accelerator is { Local: null }) is { } remote)
        {
            context.Report(DiagnosticCatalog.ExecuteNeedsLocal(context.Source, reader.Setting("mode")?.Value.Span ?? remote.AcceleratorSpan, remote.Accelerator!.Name));
        }
        else if (mode == BenchmarkMode.Execute && pools.FirstOrDefault(p => p.PipelineParallel > 1) is { } staged)
        {
            context.Report(DiagnosticCatalog.PpNeedsSimulate(context.Source, staged.PpSpan, staged.Description, staged.PipelineParallel));
        }
        if (scenario == Plans.Scenario.Offline && workloadReader.Setting("arrivals") is { } arrivals && workload.Arrivals is not AllAtOnceArrivals)
        {
            context.Report(DiagnosticCatalog.ArrivalsIgnoredOffline(context.Source, arrivals.Key.Span));
        }
        var duration = reader.Has("duration") ? reader.Number("duration", Dimension.Time, NumberRule.Positive, 60) : preset.Rule?.MinDuration;
        var minQueries = reader.Int("min_queries", NumberRule.Count, preset.Rule?.MinQueryCount ?? workload.Requests ?? 1);
        if (workload.Requests is { } requests && minQueries > requests)
        {
            if (reader.Setting("min_queries") is { } setting)
            {
                context.Report(DiagnosticCatalog.MinQueriesAboveRequests(context.Source, setting.Value.Span, minQueries, requests));
            }
            else if (preset.Rule is not null && !reader.Has("min_queries"))
            {
                context.Report(DiagnosticCatalog.MinQueriesAboveRequests(context.Source, preset.Span, minQueries, requests));
            }
        }
        var search = Search(context, reader, scenario, workload, slo);
        return new BenchmarkPlan(scenario, mode, workload, slo, duration, minQueries, reader.Int("seed", NumberRule.Seed, workload.Seed), Metrics(context, reader), null, preset.Preset, search);
    }

    /// <summary><c>search = peak_rate(tolerance: 2%)</c>: needs a server-like scenario, a Poisson rate or a trace (its speed varies), and latency limits.</summary>
    private static PeakSearchPlan? Search(BindContext context, BlockReader reader, Scenario scenario, WorkloadPlan workload, SloPlan slo)
    {
        if (reader.Setting("search") is not { } setting) return null;
        var call = CallReader.Read(context, context.Source, setting.Value, "search", "search", SearchSignatures);
        if (call is null) return null;
        var tolerance = ValueReader.Number(context, context.Source, call["tolerance"], "tolerance", "benchmark.search.tolerance",
            Dimension.Fraction, NumberRule.Positive, PeakSearchPlan.DefaultTolerance);
        if (tolerance is null) return null;
        if (tolerance >= 1)
        {
            context.Report(DiagnosticCatalog.OutOfRange(context.Source, call["tolerance"]!.Span, "tolerance", ValueReader.Format(tolerance.Value, Dimension.Fraction), "(0%, 100%)"));
            return null;
        }
        if (scenario is not (Plans.Scenario.Server or Plans.Scenario.Interactive) && context.ScenarioOverride is not null) return null;
        if (scenario is not (Plans.Scenario.Server or Plans.Scenario.Interactive))
        {
            context.Report(DiagnosticCatalog.SearchNeedsServer(context.Source, call.Span, Keyword(scenario)));
            return null;
        }
        if (workload.Arrivals is not (PoissonArrivals or TraceArrivals))
        {
            context.Report(DiagnosticCatalog.SearchNeedsPoissonRate(context.Source, call.Span, $"the workload's arrivals are `{ArrivalKeyword(workload.Arrivals)}`"));
            return null;
        }
        if (workload.Arrivals is TraceArrivals { Summary: not null, MeanRate: null })
        {
            context.Report(DiagnosticCatalog.SearchNeedsPoissonRate(context.Source, call.Span, "every row of the trace arrives at the same time, so it has no rate to vary"));
            return null;
        }
        if (slo.Limits.Count == 0)
        {
            context.Report(DiagnosticCatalog.SearchNeedsLimits(context.Source, call.Span));
            return null;
        }
        return new PeakSearchPlan(tolerance.Value);
    }

    private static string ArrivalKeyword(ArrivalProcess arrivals) => arrivals switch
    {
        AllAtOnceArrivals => "all_at_once",
        FixedIntervalArrivals => "interval(...)",
        TraceArrivals => "trace(...)",
        _ => "poisson(...)",
    };

    private static IReadOnlyList<string> Metrics(BindContext context, BlockReader reader)
    {
        if (reader.Setting("metrics") is not { } setting) return KnownMetrics;
        if (setting.Value is not ListSyntax list)
        {
            context.Report(DiagnosticCatalog.WrongValueKind(context.Source, setting.Value.Span, "metrics", "a list such as `[ttft, tpot]`", ValueReader.Describe(setting.Value)));
            return KnownMetrics;
        }
        var metrics = new List<string>();
        foreach (var item in list.Items)
        {
            if (item is SymbolSyntax symbol && KnownMetrics.Contains(symbol.Name))
            {
                if (!metrics.Contains(symbol.Name)) metrics.Add(symbol.Name);
            }
            else
            {
                var name = item is SymbolSyntax s ? s.Name : ValueReader.Describe(item);
                context.Report(DiagnosticCatalog.UnknownMetric(context.Source, item.Span, name, Suggestions.Closest(name, KnownMetrics), KnownMetrics));
            }
        }
        return metrics;
    }
}
