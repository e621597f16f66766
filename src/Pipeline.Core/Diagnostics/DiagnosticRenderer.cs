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
    /// terminal) and, for long lines, a window around the caret marked with ellipses. A surrogate pair (an emoji) is
    /// printed as the character it is; caret and length are in terminal columns, two for a wide character.
    /// </summary>
    private static (string Line, int Caret, int Length) Window(string line, int caret, int length)
    {
        var start = 0;
        var end = line.Length;
        if (line.Length > MaxLineWidth)
        {
            start = Math.Clamp(caret - MaxLineWidth / 3, 0, line.Length - MaxLineWidth);
            end = start + MaxLineWidth;
            if (start > 0 && char.IsLowSurrogate(line[start])) start++; // never split a pair
            if (end < line.Length && char.IsLowSurrogate(line[end])) end++;
        }
        var builder = new StringBuilder(end - start + 2);
        var column = 0;
        if (start > 0)
        {
            builder.Append('…');
            column++;
        }
        int shownCaret = -1, caretEnd = -1;
        var spanEnd = Math.Min(end, caret + length);
        for (var i = start; i < end;)
        {
            if (i >= caret && shownCaret < 0) shownCaret = column;
            if (i >= spanEnd && caretEnd < 0) caretEnd = column;
            var c = line[i];
            if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(line[i + 1]))
            {
                var rune = new Rune(c, line[i + 1]);
                builder.Append(c).Append(line[i + 1]);
                column += IsWide(rune.Value) ? 2 : 1;
                i += 2;
                continue;
            }
            builder.Append(c == '\t' ? ' ' : char.IsControl(c) || char.IsSurrogate(c) ? '\uFFFD' : c);
            column += IsWide(c) ? 2 : 1;
            i++;
        }
        if (shownCaret < 0) shownCaret = column;
        if (caretEnd < 0) caretEnd = column;
        if (end < line.Length) builder.Append('…');
        return (builder.ToString(), shownCaret, Math.Max(1, caretEnd - shownCaret));
    }

    /// <summary>Characters a terminal draws two columns wide: emoji and East Asian wide or full-width characters.</summary>
    private static bool IsWide(int value) =>
        value is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6)
            or (>= 0x1F300 and <= 0x1FAFF) or (>= 0x20000 and <= 0x3FFFD);
}
