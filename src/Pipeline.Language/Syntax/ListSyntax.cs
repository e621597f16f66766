using Sprache;

namespace Pipeline.Language.Syntax;

/// <summary>A list: <c>[1, 4, 16, 64]</c>.</summary>
/// <param name="Items">The items in order.</param>
public sealed record ListSyntax(IReadOnlyList<ValueSyntax> Items) : ValueSyntax, IPositionAware<ListSyntax>
{
    /// <inheritdoc />
    public ListSyntax SetPos(Position startPos, int length) => this with { Span = new(startPos.Pos, length) };
}
