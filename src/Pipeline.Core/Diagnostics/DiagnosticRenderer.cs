using System.Text;

namespace Pipeline.Core.Diagnostics;

/// <summary>
/// Renders a diagnostic the way modern compilers do: the located headline, the source line,
/// a caret run under the span, and the hint.
/// </summary>
/// <example>
/// <code>
/// examples/x.pipe:4:3: error PL0102: unknown setting `max_btch` in batching
///    4 |   max_btch = 32
///      |   ^^^^^^^^
///      = hint: did you mean `max_batch`?
/// </code>
/// </example>
public static class DiagnosticRenderer
{
    /// <summary>Renders one diagnostic as several lines of plain text.</summary>
    public static string Render(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var location = diagnostic.Location;
        var line = diagnostic.Source.GetLine(location.Line).Replace('\t', ' ');
        var gutter = location.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pad = new string(' ', gutter.Length);
        var caretStart = Math.Min(location.Column - 1, line.Length);
        var lineEndOffset = diagnostic.Source.GetOffset(location.Line, line.Length + 1);
        var caretLength = Math.Max(1, Math.Min(diagnostic.Span.End, lineEndOffset) - diagnostic.Span.Start);
        var builder = new StringBuilder();
        builder.Append(diagnostic.ToString()).Append('\n');
        builder.Append(' ').Append(gutter).Append(" | ").Append(line).Append('\n');
        builder.Append(' ').Append(pad).Append(" | ").Append(' ', caretStart).Append('^', caretLength).Append('\n');
        if (!string.IsNullOrEmpty(diagnostic.Hint))
        {
            builder.Append(' ').Append(pad).Append(" = hint: ").Append(diagnostic.Hint).Append('\n');
        }
        return builder.ToString();
    }
}
