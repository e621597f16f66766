using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;
using Pipeline.Language.Units;

namespace Pipeline.Language.Diagnostics;

/// <summary>PL02xx: units, values and ranges.</summary>
public static partial class DiagnosticCatalog
{
    /// <summary>PL0201: a quantity of the wrong dimension.</summary>
    public static Diagnostic WrongDimension(SourceText source, TextSpan span, string setting, Dimension expected, string unit, Dimension actual) =>
        Error("PL0201", source, span, $"`{setting}` expects {expected.Describe()}, but `{unit}` measures {actual.Describe()}",
            expected == Dimension.None ? "write a plain number" : $"write it in {Examples(expected)}");

    /// <summary>PL0202: a bare number where a unit is required.</summary>
    public static Diagnostic MissingUnit(SourceText source, TextSpan span, string setting, Dimension expected, string number) =>
        Error("PL0202", source, span, $"`{setting}` needs a unit: {expected.Describe()}", $"write `{number} {expected.ExampleUnit()}` (units: {Examples(expected)})");

    /// <summary>PL0203: a unit on a plain number.</summary>
    public static Diagnostic UnexpectedUnit(SourceText source, TextSpan span, string setting, string unit) =>
        Error("PL0203", source, span, $"`{setting}` is a plain number and takes no unit", $"remove `{unit}`");

    /// <summary>PL0204: a unit the language does not know.</summary>
    public static Diagnostic UnknownUnit(SourceText source, TextSpan span, string unit, string? suggestion) =>
        Error("PL0204", source, span, $"unknown unit `{unit}`", suggestion is not null ? DidYouMean(suggestion) : "units: ms, s, us, tok, GB, GiB, GB/s, TB/s, TFLOPS, req/s, ... (see the spec)");

    /// <summary>PL0205: a fraction where a whole number is required.</summary>
    public static Diagnostic NotWholeNumber(SourceText source, TextSpan span, string setting, string text) =>
        Error("PL0205", source, span, $"`{setting}` must be a whole number, not `{text}`");

    /// <summary>PL0206: zero or a negative value where a positive one is required.</summary>
    public static Diagnostic NotPositive(SourceText source, TextSpan span, string setting, string text) =>
        Error("PL0206", source, span, $"`{setting}` must be greater than zero, not `{text}`");

    /// <summary>PL0207: a value outside its allowed range.</summary>
    public static Diagnostic OutOfRange(SourceText source, TextSpan span, string setting, string text, string range) =>
        Error("PL0207", source, span, $"`{setting}` is `{text}`, outside {range}");

    /// <summary>PL0208: a minimum above its maximum.</summary>
    public static Diagnostic MinAboveMax(SourceText source, TextSpan span, string what, string min, string max) =>
        Error("PL0208", source, span, $"{what}: the minimum {min} is above the maximum {max}", "swap the two values");

    /// <summary>PL0209: a value of the wrong kind (string for a number, number for a name, ...).</summary>
    public static Diagnostic WrongValueKind(SourceText source, TextSpan span, string setting, string expected, string actual) =>
        Error("PL0209", source, span, $"`{setting}` expects {expected}, not {actual}");

    /// <summary>PL0210: an SLO qualifier that is not a percentile.</summary>
    public static Diagnostic InvalidPercentile(SourceText source, TextSpan span, string text) =>
        Error("PL0210", source, span, $"`{text}` is not a percentile", "write `p50`, `p90`, `p99` or `p99.9`, e.g. `ttft p99 <= 2 s`");

    /// <summary>PL0211: <c>=</c> on a limit or <c>&lt;=</c> on a setting.</summary>
    public static Diagnostic WrongOperator(SourceText source, TextSpan span, string setting, string expected) =>
        Error("PL0211", source, span, $"`{setting}` is written with `{expected}`",
            expected == "<=" ? $"a limit reads `{setting} p99 <= 2 s`" : $"write `{setting} = ...`");

    private static string Examples(Dimension dimension) =>
        string.Join(", ", UnitTable.All.Where(u => u.Dimension == dimension).Select(u => u.Symbol).Take(5));
}
