using System.Globalization;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;

namespace Pipeline.Language.Diagnostics;

/// <summary>
/// Every diagnostic the language and its compiler report, one named factory per diagnostic with a stable code.
/// PL00xx: lexical and syntax; PL01xx: names, references, imports; PL02xx: units, values, ranges;
/// PL03xx: model shapes, parallelism, memory; PL04xx: workload, SLOs, benchmark, sweeps.
/// </summary>
public static partial class DiagnosticCatalog
{
    /// <summary>Every code with a one-line title, in code order (the spec lists the same).</summary>
    public static IReadOnlyList<(string Code, string Title)> Codes { get; } =
        CreateTitles().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, t.Value)).ToArray();

    /// <summary>Every code reported at run time (PLTxxx from the serving loop, PLRxxx from the runner), with its title.</summary>
    public static IReadOnlyList<(string Code, string Title)> RuntimeCodes { get; } =
        CreateRuntimeTitles().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, t.Value)).ToArray();

    private static Diagnostic Error(string code, SourceText source, TextSpan span, string message, string? hint = null) =>
        new(code, DiagnosticSeverity.Error, message, source, span, hint);

    private static Diagnostic Warning(string code, SourceText source, TextSpan span, string message, string? hint = null) =>
        new(code, DiagnosticSeverity.Warning, message, source, span, hint);

    private static string DidYouMean(string? suggestion, IEnumerable<string>? known = null)
    {
        if (suggestion is not null) return $"did you mean `{suggestion}`?";
        var list = known?.Order(StringComparer.Ordinal).ToArray() ?? [];
        return list.Length == 0 ? string.Empty : "expected one of: " + string.Join(", ", list.Select(k => $"`{k}`"));
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    /// <summary>Invariant formatting of numbers in messages.</summary>
    internal static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Bytes as people read them (<c>140 GB</c>, <c>1.3 GB</c>, <c>512 MB</c>).</summary>
    public static string Bytes(double bytes) =>
        bytes >= 1e9 ? $"{(bytes / 1e9).ToString("0.#", CultureInfo.InvariantCulture)} GB"
        : bytes >= 1e6 ? $"{(bytes / 1e6).ToString("0.#", CultureInfo.InvariantCulture)} MB"
        : bytes >= 1e3 ? $"{(bytes / 1e3).ToString("0.#", CultureInfo.InvariantCulture)} KB"
        : $"{N(bytes)} B";
}
