using Pipeline.Core.Text;
using Pipeline.Language.Formatting.Internal;
using Pipeline.Language.Parsing;

namespace Pipeline.Language.Formatting;

/// <summary>
/// Prints an experiment file in the canonical layout: one statement per line, two-space indentation, single spaces
/// around operators, a blank line between top-level declarations, at most one blank line kept inside blocks, every
/// comment kept (own-line comments before the statement they precede, same-line comments after it). Formatting
/// twice changes nothing, and the formatted file compiles to the same plan. Files with syntax errors are not formatted.
/// </summary>
public static class ExperimentFormatter
{
    /// <summary>Formats a file.</summary>
    public static FormatResult Format(SourceText source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parsed = ExperimentParser.Parse(source);
        return parsed.HasErrors
            ? new FormatResult(null, parsed.Diagnostics)
            : new FormatResult(new SyntaxPrinter(parsed.Document).Print(), parsed.Diagnostics);
    }
}
