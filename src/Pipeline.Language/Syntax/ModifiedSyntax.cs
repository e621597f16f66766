using Sprache;

namespace Pipeline.Language.Syntax;

/// <summary>A value followed by a modifier call: <c>normal(200 tok, 50 tok) clamp(16 tok, 512 tok)</c>.</summary>
/// <param name="Value">The modified value.</param>
/// <param name="Modifier">The modifier.</param>
public sealed record ModifiedSyntax(ValueSyntax Value, CallSyntax Modifier) : ValueSyntax, IPositionAware<ModifiedSyntax>
{
    /// <inheritdoc />
    public ModifiedSyntax SetPos(Position startPos, int length) => this with { Span = new(startPos.Pos, length) };
}
