using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;
using Pipeline.Language.Diagnostics;
using Pipeline.Language.Parsing.Internal;
using Pipeline.Language.Syntax;
using Sprache;

namespace Pipeline.Language.Parsing;

/// <summary>
/// Parses experiment files. Parsing never throws: every problem becomes a located diagnostic, and the parser
/// recovers at statement and block boundaries so that one run reports every syntax error.
/// </summary>
public static class ExperimentParser
{
    /// <summary>Deepest nesting of braces, brackets and parentheses accepted (keeps recursion bounded on any input).</summary>
    public const int MaxNesting = 64;

    /// <summary>Parses one file.</summary>
    public static ParseResult Parse(SourceText source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var text = source.Content;
        var scan = LexicalScan.Run(text);
        var bag = new DiagnosticBag();
        foreach (var span in scan.UnterminatedStrings) bag.Add(DiagnosticCatalog.UnterminatedString(source, span));
        foreach (var span in scan.UnterminatedComments) bag.Add(DiagnosticCatalog.UnterminatedComment(source, span));
        if (scan.MaxDepth > MaxNesting)
        {
            bag.Add(DiagnosticCatalog.NestingTooDeep(source, new TextSpan(scan.DeepestOffset, 1), MaxNesting));
            return new ParseResult(new DocumentSyntax(source, [], scan.Comments), bag.Sorted());
        }
        var body = Statements.Document(new TextInput(text)).Value;
        foreach (var statement in body.Statements) Report(source, statement, bag);
        return new ParseResult(new DocumentSyntax(source, body.Statements, scan.Comments), bag.Sorted());
    }

    private static void Report(SourceText source, StatementSyntax statement, DiagnosticBag bag)
    {
        switch (statement)
        {
            case ErrorStatementSyntax error when error.Expected.Count == 0:
                bag.Add(DiagnosticCatalog.UnmatchedBrace(source, error.ErrorSpan));
                break;
            case ErrorStatementSyntax error:
                bag.Add(DiagnosticCatalog.UnexpectedToken(source, error.ErrorSpan, error.Unexpected, error.Expected));
                break;
            case BlockSyntax block:
                if (!block.IsClosed)
                {
                    bag.Add(DiagnosticCatalog.UnclosedBlock(source, block.Keyword.Span, block.Keyword.Text, source.GetLocation(block.Span.Start).Line));
                }
                foreach (var inner in block.Statements) Report(source, inner, bag);
                break;
            case SettingSyntax setting:
                foreach (var number in SyntaxWalker.Numbers(setting.Value))
                {
                    if (!double.IsFinite(number.Value)) bag.Add(DiagnosticCatalog.NumberOutOfRange(source, number.Span, number.Text));
                }
                break;
        }
    }
}
