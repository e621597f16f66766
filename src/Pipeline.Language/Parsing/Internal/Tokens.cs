using Pipeline.Language.Syntax;
using Pipeline.Language.Units;
using Sprache;

namespace Pipeline.Language.Parsing.Internal;

/// <summary>Tokens. Every token parser skips the trivia before it (never after), so node spans end at their last character.</summary>
internal static class Tokens
{
    /// <summary>Whitespace and comments; always succeeds.</summary>
    internal static readonly Parser<int> Trivia = input => Result.Success(0, AdvanceBy(input, Lexemes.Trivia(input.Source, input.Position)));

    internal static readonly Parser<NameSyntax> Name = Lex(Scan("a name", Lexemes.Name).Select(t => new NameSyntax(t)).Positioned());

    /// <summary>A name on the current line (qualifiers: <c>flops bf16 =</c>, <c>ttft p99 &lt;=</c>), so that a reference such as
    /// <c>model llama-2-7b</c> never runs into the next line's setting.</summary>
    internal static readonly Parser<NameSyntax> SameLineName =
        from blanks in (Parser<int>)(input => Result.Success(0, AdvanceBy(input, Lexemes.Blanks(input.Source, input.Position))))
        from name in Scan("a name", Lexemes.Name).Select(t => new NameSyntax(t)).Positioned()
        select name;

    internal static readonly Parser<string> Assign = Lex(Parse.String("<=").Text().Named("`<=`").Or(Parse.String("=").Text().Named("`=`")));

    internal static Parser<string> Keyword(string word) =>
        Lex(Scan($"`{word}`", (s, at) => Lexemes.Name(s, at) is var n && n == word.Length && string.CompareOrdinal(s, at, word, 0, n) == 0 ? n : 0));

    internal static Parser<char> Symbol(char c) => Lex(Parse.Char(c).Named($"`{c}`"));

    /// <summary>A string literal; lenient about the closing quote (the lexical scan reports it) but never crosses a line.</summary>
    internal static readonly Parser<StringSyntax> StringValue = Lex(StringLiteral().Positioned());

    internal static Parser<StringSyntax> StringLiteral() => input =>
        {
            if (input.AtEnd || input.Current != '"') return Fail<StringSyntax>(input, "a string");
            var s = input.Source;
            var end = input.Position + 1;
            while (end < s.Length && s[end] != '"' && s[end] != '\n') end++;
            var value = s[(input.Position + 1)..end].TrimEnd('\r');
            var consumed = end < s.Length && s[end] == '"' ? end + 1 - input.Position : end - input.Position;
            return Result.Success(new StringSyntax(value), AdvanceBy(input, consumed));
        };

    /// <summary>
    /// The unit after a number, on the same line (a block comment may stand between them). A known unit always counts; an unknown word counts only when what
    /// follows it cannot start a statement (so <c>layers = 2  hidden = 64</c> is two settings, <c>5 msec</c> a bad unit).
    /// </summary>
    internal static readonly Parser<NameSyntax?> Unit = input =>
    {
        var s = input.Source;
        var at = input.Position + Lexemes.SameLineGap(s, input.Position);
        var length = Lexemes.UnitWord(s, at);
        if (length == 0) return Result.Success<NameSyntax?>(null, input);
        var word = s.Substring(at, length);
        if (!UnitTable.TryGet(word, out _))
        {
            if (word == "step") return Result.Success<NameSyntax?>(null, input);
            var next = at + length + Lexemes.Blanks(s, at + length);
            var startsStatement = next < s.Length && (s[next] is '=' or '<' or '{' or ':' || Lexemes.IsNameStart(s[next]));
            if (!word.Contains('/') && (startsStatement || Lexemes.Name(s, at) > length)) return Result.Success<NameSyntax?>(null, input);
        }
        var node = new NameSyntax(word) { Span = new(at, length) };
        return Result.Success<NameSyntax?>(node, AdvanceBy(input, at + length - input.Position));
    };

    internal static readonly Parser<NumberSyntax> Number = Lex(
        (from digits in Scan("a number", Lexemes.Number)
         from unit in Unit
         select new NumberSyntax(double.Parse(digits, System.Globalization.CultureInfo.InvariantCulture), digits, unit)).Positioned());

    internal static Parser<T> Lex<T>(Parser<T> parser) => from _ in Trivia from value in parser select value;

    internal static Parser<string> Scan(string expected, Func<string, int, int> match) => input =>
    {
        var length = input.AtEnd ? 0 : match(input.Source, input.Position);
        return length > 0
            ? Result.Success(input.Source.Substring(input.Position, length), AdvanceBy(input, length))
            : Fail<string>(input, expected);
    };

    internal static IResult<T> Fail<T>(IInput input, string expected) =>
        Result.Failure<T>(input, input.AtEnd ? "unexpected end of input" : $"unexpected '{input.Current}'", [expected]);

    internal static IInput AdvanceBy(IInput input, int count)
    {
        if (input is TextInput text) return text.AdvanceBy(count);
        for (var i = 0; i < count && !input.AtEnd; i++) input = input.Advance();
        return input;
    }

    /// <summary>On failure, fails where it started (consuming nothing), so <c>XOptional</c>/<c>XMany</c> treat it as absent.</summary>
    internal static Parser<T> Attempt<T>(Parser<T> parser) => input =>
    {
        var result = parser(input);
        return result.WasSuccessful ? result : Result.Failure<T>(input, result.Message, result.Expectations);
    };

    /// <summary>Succeeds without consuming when <paramref name="parser"/> would succeed here.</summary>
    internal static Parser<T> Preview<T>(Parser<T> parser) => input =>
    {
        var result = parser(input);
        return result.WasSuccessful ? Result.Success(result.Value, input) : result;
    };
}
