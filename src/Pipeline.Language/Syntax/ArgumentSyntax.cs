using Sprache;

namespace Pipeline.Language.Syntax;

/// <summary>One argument of a call, positional (<c>32 tok</c>) or named (<c>rate: 4 req/s</c>).</summary>
/// <param name="Name">The argument's name when it is named.</param>
/// <param name="Value">The value.</param>
public sealed record ArgumentSyntax(NameSyntax? Name, ValueSyntax Value) : SyntaxNode, IPositionAware<ArgumentSyntax>
{
    /// <inheritdoc />
    public ArgumentSyntax SetPos(Position startPos, int length) => this with { Span = new(startPos.Pos, length) };
}
