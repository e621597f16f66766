using Pipeline.Compiler.Internal;
using Pipeline.Language.Diagnostics;
using Pipeline.Language.Syntax;
using Pipeline.Language.Text;
using Pipeline.Plans;

namespace Pipeline.Compiler.Binding;

/// <summary>
/// Binds <c>sweep { path = from .. to step s   path = [a, b, c] }</c> against the numeric settings the base binding
/// read, and expands the axes into the run matrix (first axis slowest).
/// </summary>
internal static class SweepBinder
{
    public const int MaxRuns = 1000;

    public static IReadOnlyList<SweepAxisSpec> Axes(BindContext context, BlockSyntax sweep)
    {
        var axes = new List<SweepAxisSpec>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var statement in sweep.Statements)
        {
            switch (statement)
            {
                case ImportSyntax import:
                    context.Report(DiagnosticCatalog.ImportNotAtTopLevel(context.Source, import.Span));
                    break;
                case BlockSyntax nested:
                    context.Report(DiagnosticCatalog.UnknownBlock(context.Source, nested.Keyword.Span, nested.Keyword.Text, "sweep", null, []));
                    break;
                case SettingSyntax axis:
                    if (Axis(context, axis, lines) is { } bound) axes.Add(bound);
                    break;
            }
        }
        double runs = axes.Aggregate(1.0, (product, axis) => product * axis.Values.Count);
        if (runs > MaxRuns)
        {
            context.Report(DiagnosticCatalog.TooManyRuns(context.Source, sweep.Keyword.Span, runs, MaxRuns));
            return [];
        }
        return axes;
    }

    internal static SweepAxisSpec? Axis(BindContext context, SettingSyntax axis, Dictionary<string, int> lines)
    {
        var source = context.Source;
        var path = axis.Key.Text;
        if (axis.Qualifiers.Count > 0 || axis.Operator != SettingOperator.Assign)
        {
            context.Report(DiagnosticCatalog.WrongOperator(source, axis.Key.Span, path, "="));
            return null;
        }
        if (!context.NumericPaths.TryGetValue(path, out var dimension))
        {
            context.Report(DiagnosticCatalog.UnknownSweepSetting(source, axis.Key.Span, path, Suggestions.Closest(path, context.NumericPaths.Keys)));
            return null;
        }
        var line = source.GetLocation(axis.Span.Start).Line;
        if (!lines.TryAdd(path, line))
        {
            context.Report(DiagnosticCatalog.DuplicateSweepAxis(source, axis.Key.Span, path, lines[path]));
            return null;
        }
        var values = new List<double>();
        switch (axis.Value)
        {
            case RangeSyntax range:
                var from = ValueReader.Quantity(context, source, range.From, path, dimension);
                var to = ValueReader.Quantity(context, source, range.To, path, dimension);
                if (range.Step is null)
                {
                    context.Report(DiagnosticCatalog.RangeNeedsStep(source, range.Span));
                    return null;
                }
                var step = ValueReader.Quantity(context, source, range.Step, path, dimension);
                if (from is null || to is null || step is null) return null;
                if (step <= 0 || from > to)
                {
                    context.Report(DiagnosticCatalog.EmptySweep(source, range.Span, path));
                    return null;
                }
                var count = Math.Floor((to.Value - from.Value) / step.Value + 1e-9) + 1;
                if (count > SweepBinder.MaxRuns)
                {
                    context.Report(DiagnosticCatalog.TooManyRuns(source, range.Span, count, MaxRuns));
                    return null;
                }
                for (var i = 0; i < (int)count; i++) values.Add(from.Value + i * step.Value);
                break;
            case ListSyntax list:
                foreach (var item in list.Items)
                {
                    if (ValueReader.Quantity(context, source, item, path, dimension) is { } value) values.Add(value);
                    else return null;
                }
                if (values.Count == 0)
                {
                    context.Report(DiagnosticCatalog.EmptySweep(source, list.Span, path));
                    return null;
                }
                break;
            default:
                if (ValueReader.Quantity(context, source, axis.Value, path, dimension) is not { } single) return null;
                values.Add(single);
                break;
        }
        return new SweepAxisSpec(path, values, dimension, axis.Value.Span);
    }

    /// <summary>The cartesian product of the axes, first axis slowest.</summary>
    public static SweepPlan Expand(IReadOnlyList<SweepAxisSpec> axes)
    {
        var runs = new List<SweepRun>();
        var cells = axes.Aggregate<SweepAxisSpec, IEnumerable<IReadOnlyList<KeyValuePair<string, double>>>>(
            [[]],
            (prefixes, axis) => prefixes.SelectMany(prefix => axis.Values.Select(v => (IReadOnlyList<KeyValuePair<string, double>>)[.. prefix, new(axis.Path, v)])));
        foreach (var cell in cells) runs.Add(new SweepRun(runs.Count, cell));
        return new SweepPlan(axes.Select(a => new SweepAxis(a.Path, a.Values)).ToArray(), runs);
    }
}
