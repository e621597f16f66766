using Sprache;

namespace Pipeline.Language.Syntax;

/// <summary>A name: a keyword, a setting key, a declared name or a symbolic value (<c>llama-2-70b</c>, <c>p99</c>).</summary>
/// <param name="Text">The name as written.</param>
public sealed record NameSyntax(string Text) : SyntaxNode, IPositionAware<NameSyntax>
{
    /// <inheritdoc />
    public NameSyntax SetPos(Position startPos, int length) => this with { Span = new(startPos.Pos, length) };
}
