using Pipeline.Core.Text;
using Pipeline.Language.Syntax;
using Sprache;
using static Pipeline.Language.Parsing.Internal.Tokens;
using static Pipeline.Language.Parsing.Internal.Values;

namespace Pipeline.Language.Parsing.Internal;

/// <summary>Statements and blocks, with recovery at statement and block boundaries.</summary>
internal static class Statements
{
    internal static readonly Parser<StatementSyntax> Import = Lex(
        (from keyword in Keyword("import")
         from path in StringValue
         select new ImportSyntax(path)).Positioned());

    internal static readonly Parser<StatementSyntax> Setting = Lex(
        (from key in Name
         from qualifiers in SameLineName.Many()
         from op in Assign
         from value in Value
         select new SettingSyntax(key, qualifiers.ToArray(), op == "<=" ? SettingOperator.AtMost : SettingOperator.Assign, value)).Positioned());

    internal static readonly Parser<StatementSyntax> Block = Lex(
        (from keyword in Name
         from name in Name.Optional()
         from open in Symbol('{')
         from body in Parse.Ref(() => NestedBody!)
         select new BlockSyntax(keyword, name.GetOrDefault(), body.Statements, body.Close, body.IsClosed)).Positioned());

    internal static readonly Parser<StatementSyntax> Reference = Lex(
        (from keyword in Name
         from name in Name
         select new BlockSyntax(keyword, name, null, default, true)).Positioned());

    internal static readonly Parser<StatementSyntax> Statement = Import.Or(Setting).Or(Block).Or(Reference);

    internal static readonly Parser<Body> NestedBody = BodyParser(nested: true);

    /// <summary>The whole file: top-level statements up to the end.</summary>
    public static readonly Parser<Body> Document = BodyParser(nested: false);

    internal sealed record Body(IReadOnlyList<StatementSyntax> Statements, TextSpan Close, bool IsClosed);

    /// <summary>
    /// Statements until the closing brace (or the end of the file). A statement that does not parse becomes an
    /// <see cref="ErrorStatementSyntax"/> covering the text up to the next boundary, and parsing goes on after it.
    /// Never fails.
    /// </summary>
    internal static Parser<Body> BodyParser(bool nested) => input =>
    {
        var statements = new List<StatementSyntax>();
        while (true)
        {
            var start = Trivia(input).Remainder;
            if (start.AtEnd)
            {
                return Result.Success(new Body(statements, new TextSpan(start.Position, 0), !nested), start);
            }
            if (start.Current == '}')
            {
                if (nested) return Result.Success(new Body(statements, new TextSpan(start.Position, 1), true), start.Advance());
                statements.Add(new ErrorStatementSyntax(new TextSpan(start.Position, 1), "`}`", []) { Span = new TextSpan(start.Position, 1) });
                input = start.Advance();
                continue;
            }
            var result = Statement(start);
            if (result.WasSuccessful && result.Remainder.Position > start.Position)
            {
                statements.Add(result.Value);
                input = result.Remainder;
                continue;
            }
            var failAt = result.WasSuccessful || result.Remainder is null ? start.Position : Math.Max(start.Position, result.Remainder.Position);
            var end = Recovery.SkipToBoundary(start.Source, start.Position, failAt);
            statements.Add(new ErrorStatementSyntax(Recovery.TokenAt(start.Source, failAt), Recovery.Describe(start.Source, failAt), Expected(result.Expectations))
            {
                Span = TextSpan.FromBounds(start.Position, end),
            });
            input = AdvanceBy(start, end - start.Position);
        }
    };

    /// <summary>What to list as expected: "a value" for the ways a value starts; <c>`import`</c> adds nothing where any name would do.</summary>
    private static string[] Expected(IEnumerable<string> expectations)
    {
        var distinct = expectations.Distinct().ToArray();
        if (distinct.Contains("a number") && distinct.Contains("a string"))
        {
            // Where any value may start, say so once instead of listing how values start.
            distinct = distinct.Where(e => e is not ("a number" or "a string" or "`[`" or "a name")).Prepend("a value").ToArray();
        }
        return distinct.Contains("a name") ? distinct.Where(e => e != "`import`").ToArray() : distinct;
    }
}
