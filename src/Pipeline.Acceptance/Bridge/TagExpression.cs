namespace Pipeline.Acceptance.Bridge;

/// <summary>
/// A Cucumber tag expression such as <c>@execute</c>, <c>not @slow</c> or <c>@batching and not (@slow or @pending)</c>.
/// Tags may be written with or without <c>@</c>; matching ignores case.
/// </summary>
public sealed class TagExpression
{
    private readonly Func<ISet<string>, bool> _predicate;

    private TagExpression(string text, Func<ISet<string>, bool> predicate)
    {
        Text = text;
        _predicate = predicate;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>True when a scenario with these tags (with or without <c>@</c>) is selected.</summary>
    public bool Matches(IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return _predicate(tags.Select(t => t.TrimStart('@')).ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Parses an expression; on a syntax error returns false and says why in <paramref name="error"/>.</summary>
    public static bool TryParse(string text, out TagExpression? expression, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Tokenize(text);
        var parser = new Internal.TagExpressionParser(tokens);
        var predicate = parser.ParseAll(out error);
        expression = predicate is null ? null : new TagExpression(text, predicate);
        return expression is not null;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch) || ch is '(' or ')')
            {
                if (current.Length > 0) tokens.Add(current.ToString());
                current.Clear();
                if (ch is '(' or ')') tokens.Add(ch.ToString());
            }
            else
            {
                current.Append(ch);
            }
        }
        if (current.Length > 0) tokens.Add(current.ToString());
        return tokens;
    }
}
