using Pipeline.Core.Text;

namespace Pipeline.Language.Parsing.Internal;

/// <summary>Where to resume after a syntax error, and how to name what was found.</summary>
internal static class Recovery
{
    /// <summary>
    /// The end of the line holding the error, skipping whole <c>{ ... }</c> groups opened on the way and stopping
    /// before a <c>}</c> that would close the enclosing block. Always beyond <paramref name="start"/>.
    /// </summary>
    public static int SkipToBoundary(string text, int start, int failAt)
    {
        var i = Math.Clamp(failAt, start, text.Length);
        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n' && depth == 0) break;
            if (c == '}' && depth == 0) break;
            if (c == '"')
            {
                var close = text.IndexOf('"', i + 1);
                var newline = text.IndexOf('\n', i + 1);
                i = close < 0 || (newline >= 0 && newline < close) ? (newline < 0 ? text.Length : newline) : close + 1;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? text.Length : close + 2;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                var newline = text.IndexOf('\n', i);
                i = newline < 0 ? text.Length : newline;
                continue;
            }
            if (c == '{') depth++;
            else if (c == '}') depth--;
            i++;
        }
        return Math.Max(i, Math.Min(start + 1, text.Length));
    }

    /// <summary>The span of the token at an offset (a word, a number, or one character; empty at the end).</summary>
    public static TextSpan TokenAt(string text, int at)
    {
        if (at >= text.Length) return new TextSpan(text.Length, 0);
        var length = Math.Max(Lexemes.Name(text, at), Lexemes.Number(text, at));
        if (length == 0 && char.IsSurrogatePair(text, at)) length = 2;
        return new TextSpan(at, Math.Max(1, length));
    }

    /// <summary>How a diagnostic names the token at an offset: <c>`@`</c>, <c>`hidden`</c>, <c>end of file</c>.</summary>
    public static string Describe(string text, int at)
    {
        if (at >= text.Length) return "end of file";
        var span = TokenAt(text, at);
        var token = text.Substring(span.Start, span.Length);
        return token switch
        {
            "\n" or "\r" => "end of line",
            "`" => "a backtick",
            _ => $"`{token}`",
        };
    }
}
