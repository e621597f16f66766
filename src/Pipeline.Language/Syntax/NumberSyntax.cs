using Sprache;

namespace Pipeline.Language.Syntax;

/// <summary>A number with an optional unit: <c>8</c>, <c>1e-5</c>, <c>2000 ms</c>, <c>3.35 TB/s</c>.</summary>
/// <param name="Value">The number as written (not yet scaled by the unit).</param>
/// <param name="Text">The digits as written.</param>
/// <param name="Unit">The unit, if any.</param>
public sealed record NumberSyntax(double Value, string Text, NameSyntax? Unit) : ValueSyntax, IPositionAware<NumberSyntax>
{
    /// <inheritdoc />
    public NumberSyntax SetPos(Position startPos, int length) => this with { Span = new(startPos.Pos, length) };
}
