using Pipeline.Core.Diagnostics;
using Pipeline.Language.Syntax;

namespace Pipeline.Language.Parsing;

/// <summary>The outcome of parsing: a tree (always, possibly partial) and the syntax diagnostics in source order.</summary>
/// <param name="Document">The syntax tree; statements that did not parse appear as <see cref="ErrorStatementSyntax"/>.</param>
/// <param name="Diagnostics">Syntax diagnostics, sorted by position.</param>
public sealed record ParseResult(DocumentSyntax Document, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
