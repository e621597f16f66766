namespace Pipeline.Language.Parsing.Internal;

/// <summary>Character-level matchers: each returns how many characters of a token start at an offset (0: none).</summary>
internal static class Lexemes
{
    public static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    public static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>
    /// <c>[A-Za-z_][A-Za-z0-9_]*</c> then any number of <c>-part</c> or <c>.part</c>, so <c>llama-3.1-8b</c> and
    /// <c>workload.arrivals.rate</c> are single names while <c>a..b</c> is not.
    /// </summary>
    public static int Name(string s, int at)
    {
        if (at >= s.Length || !IsNameStart(s[at])) return 0;
        var i = at + 1;
        while (i < s.Length)
        {
            if (IsNamePart(s[i])) i++;
            else if ((s[i] == '-' || s[i] == '.') && i + 1 < s.Length && IsNamePart(s[i + 1])) i += 2;
            else break;
        }
        return i - at;
    }

    /// <summary><c>-?\d+(\.\d+)?([eE][+-]?\d+)?</c>.</summary>
    public static int Number(string s, int at)
    {
        var i = at;
        if (i < s.Length && s[i] == '-') i++;
        var digits = Digits(s, i);
        if (digits == 0) return 0;
        i += digits;
        if (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit(s[i + 1])) i += 1 + Digits(s, i + 1);
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            var j = i + 1;
            if (j < s.Length && (s[j] == '+' || s[j] == '-')) j++;
            var exponent = Digits(s, j);
            if (exponent > 0) i = j + exponent;
        }
        return i - at;
    }

    /// <summary>A unit word: letters and digits, optionally <c>/letters</c> (<c>GB/s</c>, <c>req/s</c>), or <c>%</c>.</summary>
    public static int UnitWord(string s, int at)
    {
        if (at >= s.Length) return 0;
        if (s[at] == '%') return 1;
        if (!char.IsAsciiLetter(s[at]) && s[at] != 'µ') return 0;
        var i = at + 1;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == 'µ')) i++;
        if (i + 1 < s.Length && s[i] == '/' && char.IsAsciiLetter(s[i + 1]))
        {
            i += 2;
            while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
        }
        return i - at;
    }

    /// <summary>Whitespace and comments (an unterminated block comment runs to the end of the file).</summary>
    public static int Trivia(string s, int at)
    {
        var i = at;
        while (i < s.Length)
        {
            if (char.IsWhiteSpace(s[i])) i++;
            else if (s[i] == '/' && i + 1 < s.Length && s[i + 1] == '/')
            {
                var end = s.IndexOf('\n', i);
                i = end < 0 ? s.Length : end;
            }
            else if (s[i] == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? s.Length : end + 2;
            }
            else break;
        }
        return i - at;
    }

    /// <summary>Spaces and tabs only (a unit must be on the number's line).</summary>
    public static int Blanks(string s, int at)
    {
        var i = at;
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
        return i - at;
    }

    /// <summary>
    /// Spaces, tabs and block comments that close on the same line (<c>512 /* per step */ tok</c>): what may stand
    /// between a number and its unit. A line comment or a line break ends the line, and the unit with it.
    /// </summary>
    public static int SameLineGap(string s, int at)
    {
        var i = at + Blanks(s, at);
        while (i + 1 < s.Length && s[i] == '/' && s[i + 1] == '*')
        {
            var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
            if (end < 0 || s.IndexOf('\n', i + 2, end - i - 2) >= 0) break;
            i = end + 2;
            i += Blanks(s, i);
        }
        return i - at;
    }

    private static int Digits(string s, int at)
    {
        var i = at;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        return i - at;
    }
}
