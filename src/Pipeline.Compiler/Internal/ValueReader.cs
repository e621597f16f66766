using System.Globalization;
using Pipeline.Core.Text;
using Pipeline.Language.Diagnostics;
using Pipeline.Language.Syntax;
using Pipeline.Language.Text;
using Pipeline.Language.Units;

namespace Pipeline.Compiler.Internal;

/// <summary>Reads numbers with units: dimension checks, unit conversion, rules, sweep overrides.</summary>
internal static class ValueReader
{
    /// <summary>
    /// The value of a numeric setting in base units: the sweep override for <paramref name="path"/> if any, else the
    /// written value, else <paramref name="default"/>. Null when the written (or swept) value is invalid (reported).
    /// </summary>
    public static double? Number(BindContext context, SourceText source, ValueSyntax? syntax, string name, string path,
        Dimension dimension, NumberRule rule, double @default)
    {
        context.NumericPaths.TryAdd(path, dimension);
        if (context.Overrides.TryGetValue(path, out var swept))
        {
            return Check(context, context.Source, swept.Span, name, swept.Value, Format(swept.Value, dimension), rule, dimension);
        }
        if (syntax is null) return @default;
        var value = Quantity(context, source, syntax, name, dimension);
        return value is null ? null : Check(context, source, syntax.Span, name, value.Value, source.Content.Substring(syntax.Span.Start, syntax.Span.Length), rule, dimension);
    }

    /// <summary>A written quantity in base units, after unit and dimension checks (no rules, no overrides).</summary>
    public static double? Quantity(BindContext context, SourceText source, ValueSyntax syntax, string name, Dimension dimension)
    {
        if (syntax is not NumberSyntax number)
        {
            context.Report(DiagnosticCatalog.WrongValueKind(source, syntax.Span, name, dimension == Dimension.None ? "a number" : dimension.Describe(), Describe(syntax)));
            return null;
        }
        if (!double.IsFinite(number.Value)) return null; // PL0007, reported by the parser
        if (number.Unit is null)
        {
            if (dimension == Dimension.None) return number.Value;
            context.Report(DiagnosticCatalog.MissingUnit(source, number.Span, name, dimension, number.Text));
            return null;
        }
        if (!UnitTable.TryGet(number.Unit.Text, out var unit))
        {
            var candidates = UnitTable.All.Where(u => dimension == Dimension.None || u.Dimension == dimension).Select(u => u.Symbol);
            context.Report(DiagnosticCatalog.UnknownUnit(source, number.Unit.Span, number.Unit.Text, UnitTable.Suggest(number.Unit.Text) ?? Suggestions.Closest(number.Unit.Text, candidates)));
            return null;
        }
        if (dimension == Dimension.None)
        {
            context.Report(DiagnosticCatalog.UnexpectedUnit(source, number.Unit.Span, name, unit.Symbol));
            return null;
        }
        if (unit.Dimension != dimension)
        {
            context.Report(DiagnosticCatalog.WrongDimension(source, number.Span, name, dimension, unit.Symbol, unit.Dimension));
            return null;
        }
        return number.Value * unit.Factor;
    }

    /// <summary>
    /// The least efficiency (a <see cref="NumberRule.Fraction"/>) taken as physical: below it the times it divides come
    /// out beyond any run's horizon, and at 1e-308 beyond a double's range.
    /// </summary>
    public const double LeastFraction = 1e-6;

    /// <summary>The least memory or link bandwidth taken as physical (1 kB/s): below it a step's bytes take longer than any run.</summary>
    public const double LeastBandwidth = 1e3;

    /// <summary>The least compute rate taken as physical (1 MFLOP/s).</summary>
    public const double LeastCompute = 1e6;

    /// <summary>Applies a rule, and the floor of a physical rate; reports and returns null when the value breaks them.</summary>
    public static double? Check(BindContext context, SourceText source, TextSpan span, string name, double value, string text, NumberRule rule,
        Dimension dimension)
    {
        var whole = rule is NumberRule.Count or NumberRule.Seed;
        if (whole && Math.Abs(value - Math.Round(value)) > 1e-9 * Math.Max(1, Math.Abs(value)))
        {
            context.Report(DiagnosticCatalog.NotWholeNumber(source, span, name, text));
            return null;
        }
        if (rule is NumberRule.Positive or NumberRule.Count && value <= 0)
        {
            context.Report(DiagnosticCatalog.NotPositive(source, span, name, text));
            return null;
        }
        if (rule is NumberRule.Fraction && (value < LeastFraction || value > 1))
        {
            context.Report(DiagnosticCatalog.OutOfRange(source, span, name, text, "[1e-6, 1]"));
            return null;
        }
        if (dimension == Dimension.Bandwidth && value < LeastBandwidth || dimension == Dimension.Compute && value < LeastCompute)
        {
            context.Report(DiagnosticCatalog.OutOfRange(source, span, name, text, dimension == Dimension.Bandwidth ? "[1 KB/s, ∞)" : "[1e6 FLOPS, ∞)"));
            return null;
        }
        if (rule is NumberRule.NonNegative or NumberRule.Seed && value < 0)
        {
            context.Report(DiagnosticCatalog.OutOfRange(source, span, name, text, rule == NumberRule.Seed ? "[0, 2147483647]" : "[0, ∞)"));
            return null;
        }
        if (whole && value > int.MaxValue)
        {
            context.Report(DiagnosticCatalog.OutOfRange(source, span, name, text, rule == NumberRule.Seed ? "[0, 2147483647]" : "[1, 2147483647]"));
            return null;
        }
        return whole ? Math.Round(value) : value;
    }

    /// <summary>
    /// Reports a value outside <paramref name="range"/>, at the sweep cell that set <paramref name="path"/> if one did,
    /// else at the written value (<paramref name="source"/>, <paramref name="span"/>).
    /// </summary>
    public static void ReportOutOfRange(BindContext context, SourceText source, TextSpan span, string name, string path, double value, string range)
    {
        var swept = context.Overrides.TryGetValue(path, out var cell);
        context.Report(DiagnosticCatalog.OutOfRange(swept ? context.Source : source, swept ? cell!.Span : span, name,
            swept ? Format(value, Dimension.None) : source.Content.Substring(span.Start, span.Length), range));
    }

    /// <summary>How a diagnostic names a value's kind.</summary>
    public static string Describe(ValueSyntax syntax) => syntax switch
    {
        NumberSyntax => "a number",
        StringSyntax => "a string",
        SymbolSyntax symbol => $"`{symbol.Name}`",
        CallSyntax call => $"`{call.Function.Text}(...)`",
        ListSyntax => "a list",
        RangeSyntax => "a range",
        ModifiedSyntax modified => Describe(modified.Value) + " with `" + modified.Modifier.Function.Text + "(...)`",
        _ => "this value",
    };

    /// <summary>A swept value in base units, written back with the dimension's base unit (for messages).</summary>
    public static string Format(double value, Dimension dimension)
    {
        // Fixed notation up to 1e15 (a sweep's cells read as written), then exponents rather than hundreds of digits.
        var number = value.ToString(Math.Abs(value) < 1e15 ? "0.######" : "0.######e+0", CultureInfo.InvariantCulture);
        return dimension switch
        {
            Dimension.None => number,
            Dimension.Time => number + " s",
            Dimension.Tokens => number + " tok",
            Dimension.Bytes => number + " B",
            Dimension.Bandwidth => number + " B/s",
            Dimension.Compute => number + " FLOPS",
            Dimension.RequestRate => number + " req/s",
            Dimension.Power => number + " W",
            Dimension.Price => number + " USD/h",
            Dimension.Fraction => (value * 100).ToString("0.######", CultureInfo.InvariantCulture) + "%",
            _ => number,
        };
    }
}
