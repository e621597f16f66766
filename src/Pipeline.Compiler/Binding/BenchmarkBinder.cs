using Pipeline.Compiler.Internal;
using Pipeline.Language.Diagnostics;
using Pipeline.Language.Syntax;
using Pipeline.Language.Text;
using Pipeline.Language.Units;
using Pipeline.Plans;

namespace Pipeline.Compiler.Binding;

/// <summary>Binds <c>benchmark { scenario mode duration min_queries seed metrics }</c>.</summary>
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
        new(context, context.Source, experiment.NestedBlock("benchmark"), "benchmark", "benchmark", ["scenario", "mode", "duration", "min_queries", "seed", "metrics"], fallback: experiment.Anchor);

    public static Scenario ScenarioOf(BlockReader reader) => reader.Option("scenario", Scenarios, Plans.Scenario.Server, "scenario");

    public static BenchmarkPlan Bind(BindContext context, BlockReader reader, Scenario scenario, WorkloadPlan workload, BlockReader workloadReader, SloPlan slo, IReadOnlyList<PoolSpec> pools)
    {
        var allLocal = pools.All(p => p.Accelerator?.Local is not null);
        var mode = reader.Option("mode", Modes, allLocal ? BenchmarkMode.Execute : BenchmarkMode.Simulate, "benchmark mode");
        if (mode == BenchmarkMode.Execute && pools.FirstOrDefault(p => p.Accelerator is { Local: null }) is { } remote)
        {
            context.Report(DiagnosticCatalog.ExecuteNeedsLocal(context.Source, reader.Setting("mode")?.Value.Span ?? remote.AcceleratorSpan, remote.Accelerator!.Name));
        }
        if (scenario == Plans.Scenario.Offline && workloadReader.Setting("arrivals") is { } arrivals && workload.Arrivals is not AllAtOnceArrivals)
        {
            context.Report(DiagnosticCatalog.ArrivalsIgnoredOffline(context.Source, arrivals.Key.Span));
        }
        var duration = reader.Has("duration") ? reader.Number("duration", Dimension.Time, NumberRule.Positive, 60) : null;
        var minQueries = reader.Int("min_queries", NumberRule.Count, workload.Requests ?? 1);
        if (workload.Requests is { } requests && minQueries > requests && reader.Setting("min_queries") is { } setting)
        {
            context.Report(DiagnosticCatalog.MinQueriesAboveRequests(context.Source, setting.Value.Span, minQueries, requests));
        }
        return new BenchmarkPlan(scenario, mode, workload, slo, duration, minQueries, reader.Int("seed", NumberRule.Seed, workload.Seed), Metrics(context, reader), null);
    }

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
