using Sprache;

namespace Pipeline.Language.Syntax;

/// <summary>A string literal: <c>"models/x.gguf"</c>. There are no escapes; a string ends at the next quote.</summary>
/// <param name="Value">The text between the quotes.</param>
public sealed record StringSyntax(string Value) : ValueSyntax, IPositionAware<StringSyntax>
{
    /// <inheritdoc />
    public StringSyntax SetPos(Position startPos, int length) => this with { Span = new(startPos.Pos, length) };
}
