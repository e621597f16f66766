namespace Pipeline.Acceptance.Bridge.Internal;

/// <summary>Recursive descent over tag tokens: or &lt; and &lt; not &lt; (group | tag).</summary>
internal sealed class TagExpressionParser(IReadOnlyList<string> tokens)
{
    private int _position;
    private string? _error;

    public Func<ISet<string>, bool>? ParseAll(out string? error)
    {
        if (tokens.Count == 0)
        {
            error = "the tag expression is empty";
            return null;
        }
        var result = ParseOr();
        if (_error is null && _position < tokens.Count) _error = $"unexpected '{tokens[_position]}'";
        error = _error;
        return _error is null ? result : null;
    }

    private Func<ISet<string>, bool> ParseOr()
    {
        var left = ParseAnd();
        while (Accept("or"))
        {
            var l = left;
            var r = ParseAnd();
            left = tags => l(tags) || r(tags);
        }
        return left;
    }

    private Func<ISet<string>, bool> ParseAnd()
    {
        var left = ParseNot();
        while (Accept("and"))
        {
            var l = left;
            var r = ParseNot();
            left = tags => l(tags) && r(tags);
        }
        return left;
    }

    private Func<ISet<string>, bool> ParseNot()
    {
        if (Accept("not"))
        {
            var inner = ParseNot();
            return tags => !inner(tags);
        }
        return ParsePrimary();
    }

    private Func<ISet<string>, bool> ParsePrimary()
    {
        if (_position >= tokens.Count)
        {
            _error ??= "the tag expression ends too early";
            return _ => false;
        }
        var token = tokens[_position++];
        if (token == "(")
        {
            var inner = ParseOr();
            if (!Accept(")")) _error ??= "missing ')'";
            return inner;
        }
        if (token is ")" or "and" or "or" or "not")
        {
            _error ??= $"expected a tag but found '{token}'";
            return _ => false;
        }
        var tag = token.TrimStart('@');
        return tags => tags.Contains(tag);
    }

    private bool Accept(string token)
    {
        if (_position < tokens.Count && string.Equals(tokens[_position], token, StringComparison.OrdinalIgnoreCase))
        {
            _position++;
            return true;
        }
        return false;
    }
}
