using Sprache;

namespace Pipeline.Language.Syntax;

/// <summary>An inclusive range for a sweep: <c>1 req/s .. 16 req/s step 3 req/s</c>.</summary>
/// <param name="From">First value.</param>
/// <param name="To">Last value (included when a step lands on it).</param>
/// <param name="Step">Increment; required by the compiler.</param>
public sealed record RangeSyntax(ValueSyntax From, ValueSyntax To, ValueSyntax? Step) : ValueSyntax, IPositionAware<RangeSyntax>
{
    /// <inheritdoc />
    public RangeSyntax SetPos(Position startPos, int length) => this with { Span = new(startPos.Pos, length) };
}
