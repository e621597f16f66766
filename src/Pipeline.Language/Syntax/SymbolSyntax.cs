using Sprache;

namespace Pipeline.Language.Syntax;

/// <summary>A name used as a value: <c>continuous</c>, <c>f32</c>, <c>h100-sxm</c>, <c>all_at_once</c>.</summary>
/// <param name="Name">The name.</param>
public sealed record SymbolSyntax(string Name) : ValueSyntax, IPositionAware<SymbolSyntax>
{
    /// <inheritdoc />
    public SymbolSyntax SetPos(Position startPos, int length) => this with { Span = new(startPos.Pos, length) };
}
