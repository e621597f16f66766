using System.Globalization;
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
    /// <summary>Longest stretch of a source line shown; longer lines are cut to a window around the caret.</summary>
    public const int MaxLineWidth = 120;

    /// <summary>Renders one diagnostic as several lines of plain text.</summary>
    public static string Render(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var location = diagnostic.Location;
        var line = diagnostic.Source.GetLine(location.Line);
        var gutter = location.Line.ToString(CultureInfo.InvariantCulture);
        var pad = new string(' ', gutter.Length);
        var caretStart = Math.Min(location.Column - 1, line.Length);
        var lineEndOffset = diagnostic.Source.GetOffset(location.Line, line.Length + 1);
        var caretLength = Math.Max(1, Math.Min(diagnostic.Span.End, lineEndOffset) - diagnostic.Span.Start);
        var (shown, shownCaret, shownLength) = Window(line, caretStart, caretLength);
        var builder = new StringBuilder();
        builder.Append(diagnostic.ToString()).Append('\n');
        builder.Append(' ').Append(gutter).Append(" | ").Append(shown).Append('\n');
        builder.Append(' ').Append(pad).Append(" | ").Append(' ', shownCaret).Append('^', shownLength).Append('\n');
        if (!string.IsNullOrEmpty(diagnostic.Hint))
        {
            builder.Append(' ').Append(pad).Append(" = hint: ").Append(diagnostic.Hint).Append('\n');
        }
        return builder.ToString();
    }

    /// <summary>
    /// The part of the line to print, with control characters made visible (a binary file must not garble the
    /// terminal) and, for long lines, a window around the caret marked with ellipses. Columns stay one per character.
    /// </summary>
    private static (string Line, int Caret, int Length) Window(string line, int caret, int length)
    {
        var start = 0;
        var end = line.Length;
        if (line.Length > MaxLineWidth)
        {
            start = Math.Clamp(caret - MaxLineWidth / 3, 0, line.Length - MaxLineWidth);
            end = start + MaxLineWidth;
        }
        var builder = new StringBuilder(end - start + 2);
        if (start > 0) builder.Append('…');
        foreach (var c in line.AsSpan(start, end - start))
        {
            builder.Append(c == '\t' ? ' ' : char.IsControl(c) || char.IsSurrogate(c) ? '\uFFFD' : c);
        }
        if (end < line.Length) builder.Append('…');
        var shownCaret = caret - start + (start > 0 ? 1 : 0);
        var shownLength = Math.Max(1, Math.Min(length, end - caret));
        return (builder.ToString(), shownCaret, shownLength);
    }
}
