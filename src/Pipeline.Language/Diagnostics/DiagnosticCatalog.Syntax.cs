using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;

namespace Pipeline.Language.Diagnostics;

/// <summary>PL00xx: lexical and syntax errors.</summary>
public static partial class DiagnosticCatalog
{
    /// <summary>PL0001: the parser found a token it cannot accept here.</summary>
    public static Diagnostic UnexpectedToken(SourceText source, TextSpan span, string unexpected, IReadOnlyList<string> expected)
    {
        var list = expected.Count switch
        {
            0 => "a statement",
            1 => expected[0],
            _ => string.Join(", ", expected.Take(expected.Count - 1)) + " or " + expected[^1],
        };
        var hint = expected.Contains("`=`") ? "a setting is written `name = value`; a block is `name { ... }`" : null;
        return Error("PL0001", source, span, $"unexpected {unexpected}; expected {list}", hint);
    }

    /// <summary>PL0002: a string literal has no closing quote on its line.</summary>
    public static Diagnostic UnterminatedString(SourceText source, TextSpan span) =>
        Error("PL0002", source, span, "string literal is not closed", "add a closing `\"` on the same line");

    /// <summary>PL0003: a block comment has no <c>*/</c>.</summary>
    public static Diagnostic UnterminatedComment(SourceText source, TextSpan span) =>
        Error("PL0003", source, span, "block comment is not closed", "add `*/` where the comment ends");

    /// <summary>PL0004: the file ends inside a block.</summary>
    public static Diagnostic UnclosedBlock(SourceText source, TextSpan span, string keyword, int line) =>
        Error("PL0004", source, span, $"block `{keyword}` is not closed before the end of the file", $"add `}}` to close the block opened on line {line}");

    /// <summary>PL0005: a closing brace with no block to close.</summary>
    public static Diagnostic UnmatchedBrace(SourceText source, TextSpan span) =>
        Error("PL0005", source, span, "`}` does not close any block", "remove it, or check the braces above it");

    /// <summary>PL0006: brackets nest deeper than the parser allows.</summary>
    public static Diagnostic NestingTooDeep(SourceText source, TextSpan span, int limit) =>
        Error("PL0006", source, span, $"blocks, lists and calls nest more than {limit} deep", "flatten the file; no experiment needs this much nesting");

    /// <summary>PL0007: a number literal does not fit a double.</summary>
    public static Diagnostic NumberOutOfRange(SourceText source, TextSpan span, string text) =>
        Error("PL0007", source, span, $"number `{text}` is out of range");

    /// <summary>PL0008: something other than an import or a declaration at the top level.</summary>
    public static Diagnostic NotAllowedAtTopLevel(SourceText source, TextSpan span, string what) =>
        Error("PL0008", source, span, $"`{what}` is not allowed at the top level",
            "the top level holds `import`, `experiment`, `model` and `accelerator`; settings go inside a block");
}
