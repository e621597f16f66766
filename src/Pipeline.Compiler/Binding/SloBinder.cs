using System.Globalization;
using Pipeline.Compiler.Internal;
using Pipeline.Language.Diagnostics;
using Pipeline.Language.Syntax;
using Pipeline.Language.Text;
using Pipeline.Language.Units;
using Pipeline.Plans;
using Pipeline.Plans.Catalog;

namespace Pipeline.Compiler.Binding;

/// <summary>
/// Binds <c>slo { ttft p99 &lt;= 2 s ... }</c> or <c>slo = mlperf(server)</c>. Under a benchmark preset, the preset's
/// limits apply and a limit written in the block replaces the preset's limit on the same metric.
/// </summary>
internal static class SloBinder
{
    private static readonly Dictionary<string, LatencyMetric> Metrics = new(StringComparer.Ordinal)
    {
        ["ttft"] = LatencyMetric.Ttft, ["tpot"] = LatencyMetric.Tpot, ["itl"] = LatencyMetric.Itl, ["e2e"] = LatencyMetric.E2e,
    };

    private static readonly Dictionary<string, Scenario> MlperfScenarios = new(StringComparer.Ordinal)
    {
        ["server"] = Scenario.Server, ["interactive"] = Scenario.Interactive,
    };

    public static SloPlan Bind(BindContext context, BlockReader experiment, BoundModel? model, Scenario scenario, SloPlan? preset = null)
    {
        if (experiment.Setting("slo") is { } setting) return Overridable(context, Mlperf(context, setting.Value, model, scenario));
        var block = experiment.NestedBlock("slo");
        var limits = new List<SloLimit>();
        var seen = new Dictionary<(LatencyMetric, double), int>();
        foreach (var statement in block?.Statements ?? [])
        {
            switch (statement)
            {
                case ImportSyntax import:
                    context.Report(DiagnosticCatalog.ImportNotAtTopLevel(context.Source, import.Span));
                    break;
                case BlockSyntax nested:
                    context.Report(DiagnosticCatalog.UnknownBlock(context.Source, nested.Keyword.Span, nested.Keyword.Text, "slo", null, []));
                    break;
                case SettingSyntax limit:
                    if (Limit(context, limit, seen) is { } bound) limits.Add(bound);
                    break;
            }
        }
        return preset is null ? new SloPlan(limits) : Merge(Overridable(context, preset), limits);
    }

    /// <summary>
    /// Limits that come from MLPerf's tables are settings too (<c>slo.tpot.p99</c>), so a sweep, a probe or a scenario
    /// comparison can replace them; an untouched limit keeps its MLPerf value and origin.
    /// </summary>
    private static SloPlan Overridable(BindContext context, SloPlan limits) => new(limits.Limits.Select(limit =>
    {
        var key = limit.Metric.ToString().ToLowerInvariant();
        var path = $"slo.{key}.p{limit.Percentile.ToString(CultureInfo.InvariantCulture)}";
        var value = ValueReader.Number(context, context.Source, null, key, path, Dimension.Time, NumberRule.Positive, limit.Limit);
        return value is { } v && v != limit.Limit ? limit with { Limit = v, Origin = SloOrigin.Declared } : limit;
    }).ToArray());

    /// <summary>The preset's limits, each replaced in place by the written limits on its metric; other written limits after.</summary>
    private static SloPlan Merge(SloPlan preset, IReadOnlyList<SloLimit> written)
    {
        var merged = new List<SloLimit>();
        foreach (var limit in preset.Limits)
        {
            var replacements = written.Where(w => w.Metric == limit.Metric).ToArray();
            if (replacements.Length == 0) merged.Add(limit);
            else merged.AddRange(replacements.Where(r => !merged.Contains(r)));
        }
        merged.AddRange(written.Where(w => !merged.Contains(w)));
        return new SloPlan(merged);
    }

    private static SloLimit? Limit(BindContext context, SettingSyntax limit, Dictionary<(LatencyMetric, double), int> seen)
    {
        var source = context.Source;
        if (!Metrics.TryGetValue(limit.Key.Text, out var metric))
        {
            context.Report(DiagnosticCatalog.UnknownSetting(source, limit.Key.Span, limit.Key.Text, "slo", Suggestions.Closest(limit.Key.Text, Metrics.Keys), Metrics.Keys));
            return null;
        }
        if (limit.Operator != SettingOperator.AtMost)
        {
            context.Report(DiagnosticCatalog.WrongOperator(source, limit.Key.Span, limit.Key.Text, "<="));
            return null;
        }
        var qualifier = limit.Qualifiers.Count == 1 ? limit.Qualifiers[0] : null;
        if (qualifier is null || qualifier.Text.Length < 2 || qualifier.Text[0] != 'p'
            || !double.TryParse(qualifier.Text[1..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percentile))
        {
            var span = qualifier?.Span ?? (limit.Qualifiers.Count > 1 ? limit.Qualifiers[1].Span : limit.Key.Span);
            context.Report(DiagnosticCatalog.InvalidPercentile(source, span, qualifier?.Text ?? string.Join(" ", limit.Qualifiers.Select(q => q.Text))));
            return null;
        }
        if (percentile <= 0 || percentile >= 100)
        {
            context.Report(DiagnosticCatalog.OutOfRange(source, qualifier.Span, "percentile", qualifier.Text, "(p0, p100)"));
            return null;
        }
        var line = source.GetLocation(limit.Span.Start).Line;
        if (!seen.TryAdd((metric, percentile), line))
        {
            context.Report(DiagnosticCatalog.DuplicateSloLimit(source, limit.Key.Span, limit.Key.Text, qualifier.Text, seen[(metric, percentile)]));
            return null;
        }
        var value = ValueReader.Number(context, source, limit.Value, limit.Key.Text, $"slo.{limit.Key.Text}.{qualifier.Text}", Dimension.Time, NumberRule.Positive, 1);
        return value is null ? null : new SloLimit(metric, percentile, value.Value, SloOrigin.Declared);
    }

    private static SloPlan Mlperf(BindContext context, ValueSyntax syntax, BoundModel? model, Scenario scenario)
    {
        var call = CallReader.Read(context, context.Source, syntax, "slo", "slo", [new Signature("mlperf", ["scenario"], 0)]);
        if (call is null) return new SloPlan([]);
        if (call["scenario"] is { } argument)
        {
            var (ok, chosen) = BlockReader.OptionOf(context, context.Source, argument, "scenario", MlperfScenarios, "MLPerf latency scenario");
            if (!ok) return new SloPlan([]);
            scenario = chosen;
        }
        if (model is null) return new SloPlan([]);
        // Compared under a scenario without latency limits, `mlperf` (following the scenario) simply has none.
        if (call["scenario"] is null && context.ScenarioOverride is Scenario.Offline or Scenario.SingleStream) return new SloPlan([]);
        if (model.CatalogName is null || !MlperfSlos.TryGet(model.CatalogName, scenario, out var slo))
        {
            context.Report(DiagnosticCatalog.NoMlperfSlo(context.Source, call.Span, model.CatalogName ?? model.Plan.Name, scenario.ToString().ToLowerInvariant()));
            return new SloPlan([]);
        }
        return slo;
    }
}
