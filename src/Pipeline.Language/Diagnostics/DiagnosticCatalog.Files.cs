using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;

namespace Pipeline.Language.Diagnostics;

public static partial class DiagnosticCatalog
{
    /// <summary>PL0415: a file the experiment refers to is missing, a directory, not a regular file, too large or unreadable.</summary>
    public static Diagnostic FileUnusable(SourceText source, TextSpan span, string what, string problem, string hint) =>
        Error("PL0415", source, span, $"{what} {problem}", hint);

    /// <summary>PL0416: a trace row (or header) that does not parse, or arrives out of order; the message names its line.</summary>
    public static Diagnostic BadTraceRow(SourceText source, TextSpan span, string path, string problem) =>
        Error("PL0416", source, span, $"trace \"{path}\" {problem}",
            "rows are arrival_time,prompt_tokens,output_tokens: seconds (finite, at least 0, in order) and whole token counts of at least 1");

    /// <summary>PL0417: a trace with no rows.</summary>
    public static Diagnostic EmptyTrace(SourceText source, TextSpan span, string path, string problem) =>
        Error("PL0417", source, span, $"trace \"{path}\": {problem}", "a trace needs at least one row");

    /// <summary>PL0418: a trace row whose prompt plus output does not fit the model's context.</summary>
    public static Diagnostic TraceRowTooLong(SourceText source, TextSpan span, string path, int line, long tokens, int context) =>
        Error("PL0418", source, span, $"trace \"{path}\" line {line} needs {tokens} tok of context, more than the model's {context} tok",
            "drop or shorten the row, or use a model with a longer context");
}
