using System.Globalization;
using Pipeline.Compiler.Internal;
using Pipeline.Language.Diagnostics;
using Pipeline.Language.Syntax;
using Pipeline.Language.Text;
using Pipeline.Plans;
using Pipeline.Plans.Capacity;

namespace Pipeline.Compiler.Binding;

/// <summary>
/// Binds <c>capacity { hardware.accelerator = [h100-sxm, h200]  hardware.tp = [2, 4]  ... }</c> after the experiment
/// itself: accelerator axes take accelerator names (each needs a price), the others are numeric settings of the
/// experiment as a sweep's axes are; the product is the candidate list, first axis slowest. The experiment must be
/// one a peak search can run in simulate mode, since each candidate's peak is searched.
/// </summary>
internal static class CapacityBinder
{
    /// <summary>The settings an axis may give accelerator names.</summary>
    public static readonly string[] AcceleratorPaths = ["hardware.accelerator", "disaggregation.prefill.accelerator", "disaggregation.decode.accelerator"];

    private sealed record Axis(string Path, IReadOnlyList<CapacitySetting> Values);

    public static CapacityPlan? Bind(BindContext context, BlockSyntax capacity, ExperimentPlan plan, BlockSyntax? sweep)
    {
        var source = context.Source;
        var anchor = capacity.Keyword.Span;
        var before = context.Diagnostics.Count(d => d.IsError);
        CheckExperiment(context, capacity, plan, sweep);
        var axes = new List<Axis>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var statement in capacity.Statements)
        {
            switch (statement)
            {
                case ImportSyntax import:
                    context.Report(DiagnosticCatalog.ImportNotAtTopLevel(source, import.Span));
                    break;
                case BlockSyntax nested:
                    context.Report(DiagnosticCatalog.UnknownBlock(source, nested.Keyword.Span, nested.Keyword.Text, "capacity", null, []));
                    break;
                case SettingSyntax setting:
                    if (BindAxis(context, setting, plan, lines) is { } axis) axes.Add(axis);
                    break;
            }
        }
        var count = axes.Aggregate(1L, (product, axis) => Math.Min(product * axis.Values.Count, long.MaxValue / 1024));
        if (count > CapacityPlan.MaxCandidates)
        {
            context.Report(DiagnosticCatalog.TooManyCandidates(source, anchor, count, CapacityPlan.MaxCandidates));
        }
        // A pool whose accelerator no axis replaces is weighed with the experiment's own: it needs a price too.
        var named = axes.Select(a => a.Path).Where(AcceleratorPaths.Contains).ToHashSet(StringComparer.Ordinal);
        var kept = plan.Execution.Deployment.Pools
            .Where(p => !named.Contains("hardware.accelerator") && !named.Contains($"disaggregation.{p.Role.ToString().ToLowerInvariant()}.accelerator"))
            .Select(p => p.Accelerator).DistinctBy(a => a.Name);
        foreach (var accelerator in kept.Where(a => a.Price is null))
        {
            context.Report(DiagnosticCatalog.AcceleratorWithoutPrice(source, anchor, accelerator.Name));
        }
        if (context.Diagnostics.Count(d => d.IsError) > before) return null;
        var candidates = axes.Aggregate<Axis, IEnumerable<IReadOnlyList<CapacitySetting>>>(
            [[]], (prefixes, axis) => prefixes.SelectMany(prefix => axis.Values.Select(v => (IReadOnlyList<CapacitySetting>)[.. prefix, v])));
        return new CapacityPlan(axes.Select(a => a.Path).ToArray(), candidates.Select((settings, i) => new CapacityCandidate(i, settings)).ToArray());
    }

    private static void CheckExperiment(BindContext context, BlockSyntax capacity, ExperimentPlan plan, BlockSyntax? sweep)
    {
        var source = context.Source;
        var anchor = capacity.Keyword.Span;
        var benchmark = plan.Benchmark;
        if (benchmark.Mode != BenchmarkMode.Simulate)
        {
            context.Report(DiagnosticCatalog.CapacityNeedsSimulate(source, anchor, "execute"));
        }
        if (sweep is not null)
        {
            context.Report(DiagnosticCatalog.CapacityWithSweep(source, anchor, source.GetLocation(sweep.Span.Start).Line));
        }
        if (benchmark.Scenario is not (Scenario.Server or Scenario.Interactive))
        {
            context.Report(DiagnosticCatalog.SearchNeedsServer(source, anchor, benchmark.Scenario == Scenario.SingleStream ? "single-stream" : "offline"));
        }
        else if (benchmark.Workload.Arrivals is not (PoissonArrivals or TraceArrivals))
        {
            context.Report(DiagnosticCatalog.SearchNeedsPoissonRate(source, anchor,
                "the workload's arrivals are neither Poisson nor a trace: a capacity plan meets the workload's Poisson rate, or its trace's mean rate"));
        }
        else if (benchmark.Workload.Arrivals is TraceArrivals { Summary: not null, MeanRate: null })
        {
            context.Report(DiagnosticCatalog.SearchNeedsPoissonRate(source, anchor,
                "every row of the trace arrives at the same time: it has no mean rate to meet, and no speed to vary"));
        }
        else if (benchmark.Slo.Limits.Count == 0)
        {
            context.Report(DiagnosticCatalog.SearchNeedsLimits(source, anchor));
        }
    }

    private static Axis? BindAxis(BindContext context, SettingSyntax setting, ExperimentPlan plan, Dictionary<string, int> lines)
    {
        var source = context.Source;
        var path = setting.Key.Text;
        if (path is BenchmarkBinder.RatePath or WorkloadBinder.SpeedPath)
        {
            context.Report(DiagnosticCatalog.SearchNeedsPoissonRate(source, setting.Key.Span, $"`{path}` is the traffic to meet, not a capacity axis"));
            return null;
        }
        if (!AcceleratorPaths.Contains(path))
        {
            if (!context.NumericPaths.ContainsKey(path))
            {
                context.Report(DiagnosticCatalog.UnknownCapacityAxis(source, setting.Key.Span, path, Suggestions.Closest(path, context.NumericPaths.Keys.Concat(AcceleratorPaths))));
                return null;
            }
            if (SweepBinder.Axis(context, setting, lines) is not { } numeric) return null;
            return new Axis(path, numeric.Values.Select(v => new CapacitySetting(path, v, null, Text(v, numeric.Dimension))).ToArray());
        }
        var disaggregated = plan.Execution.Deployment.Pools.Any(p => p.Role != PoolRole.Colocated);
        if (path.StartsWith("disaggregation.", StringComparison.Ordinal) != disaggregated)
        {
            // A pool's accelerator is only a setting of a deployment that has that pool.
            context.Report(DiagnosticCatalog.UnknownCapacityAxis(source, setting.Key.Span, path, disaggregated ? null : "hardware.accelerator"));
            return null;
        }
        if (setting.Qualifiers.Count > 0 || setting.Operator != SettingOperator.Assign)
        {
            context.Report(DiagnosticCatalog.WrongOperator(source, setting.Key.Span, path, "="));
            return null;
        }
        var line = source.GetLocation(setting.Span.Start).Line;
        if (!lines.TryAdd(path, line))
        {
            context.Report(DiagnosticCatalog.DuplicateSweepAxis(source, setting.Key.Span, path, lines[path]));
            return null;
        }
        IReadOnlyList<ValueSyntax> items = setting.Value is ListSyntax list ? list.Items : [setting.Value];
        if (items.Count == 0)
        {
            context.Report(DiagnosticCatalog.EmptySweep(source, setting.Value.Span, path));
            return null;
        }
        var values = new List<CapacitySetting>();
        foreach (var item in items)
        {
            if (item is not SymbolSyntax symbol)
            {
                context.Report(DiagnosticCatalog.WrongValueKind(source, item.Span, path, "accelerator names", ValueReader.Describe(item)));
                continue;
            }
            var spec = AcceleratorBinder.Resolve(context, new NameOverride(symbol.Name, symbol.Span));
            if (spec is null) continue;
            if (spec.Price is null)
            {
                context.Report(DiagnosticCatalog.AcceleratorWithoutPrice(source, symbol.Span, spec.Name));
                continue;
            }
            values.Add(new CapacitySetting(path, null, symbol.Name, symbol.Name));
        }
        return values.Count == items.Count ? new Axis(path, values) : null;
    }

    private static string Text(double value, Language.Units.Dimension dimension) =>
        dimension == Language.Units.Dimension.None ? value.ToString("0.######", CultureInfo.InvariantCulture) : ValueReader.Format(value, dimension);
}
