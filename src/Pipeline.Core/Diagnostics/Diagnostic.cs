using Pipeline.Core.Text;

namespace Pipeline.Core.Diagnostics;

/// <summary>
/// A located message about a source file: a stable code (<c>PL0001</c>), a severity, a message in plain
/// words and an optional hint saying how to fix it. User errors are values of this type, never exceptions.
/// </summary>
public sealed record Diagnostic(
    string Code,
    DiagnosticSeverity Severity,
    string Message,
    SourceText Source,
    TextSpan Span,
    string? Hint = null)
{
    /// <summary>Where the diagnostic starts.</summary>
    public SourceLocation Location => Source.GetLocation(Span.Start);

    /// <summary>True for <see cref="DiagnosticSeverity.Error"/>.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>One line: <c>file:line:col: error PL0001: message</c>.</summary>
    public override string ToString() =>
        $"{Location}: {Severity.ToString().ToLowerInvariant()} {Code}: {Message}";
}
