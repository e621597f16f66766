using Pipeline.Core.Text;

namespace Pipeline.Language.Syntax;

/// <summary>
/// Text the parser skipped after a syntax error, up to the next statement boundary, so that parsing can go on
/// and report later errors too.
/// </summary>
/// <param name="ErrorSpan">Where the error was found.</param>
/// <param name="Unexpected">What was found there, as the user would name it (<c>`@`</c>, <c>end of file</c>).</param>
/// <param name="Expected">What the parser could have accepted there.</param>
public sealed record ErrorStatementSyntax(TextSpan ErrorSpan, string Unexpected, IReadOnlyList<string> Expected) : StatementSyntax;
