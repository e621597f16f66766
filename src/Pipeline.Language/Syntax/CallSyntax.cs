using Sprache;

namespace Pipeline.Language.Syntax;

/// <summary>A call: <c>poisson(rate: 4 req/s)</c>, <c>local(cpu)</c>, <c>uniform(32 tok, 128 tok)</c>.</summary>
/// <param name="Function">The called name.</param>
/// <param name="Arguments">The arguments in order.</param>
public sealed record CallSyntax(NameSyntax Function, IReadOnlyList<ArgumentSyntax> Arguments) : ValueSyntax, IPositionAware<CallSyntax>
{
    /// <inheritdoc />
    public CallSyntax SetPos(Position startPos, int length) => this with { Span = new(startPos.Pos, length) };
}
