using Pipeline.Core.Text;
using Sprache;

namespace Pipeline.Language.Syntax;

/// <summary>
/// A block such as <c>experiment quickstart { ... }</c>, <c>batching { ... }</c> or the body-less reference
/// <c>model llama-2-70b</c>.
/// </summary>
/// <param name="Keyword">What the block is (<c>experiment</c>, <c>model</c>, <c>batching</c>, ...).</param>
/// <param name="Name">The block's name, when it has one.</param>
/// <param name="Body">The statements between the braces; null for the reference form without braces.</param>
/// <param name="CloseBrace">Span of the closing brace (empty at the end of the file when it is missing).</param>
/// <param name="IsClosed">False when the file ended before the closing brace.</param>
public sealed record BlockSyntax(
    NameSyntax Keyword,
    NameSyntax? Name,
    IReadOnlyList<StatementSyntax>? Body,
    TextSpan CloseBrace,
    bool IsClosed) : StatementSyntax, IPositionAware<BlockSyntax>
{
    /// <summary>True for the reference form <c>model llama-2-70b</c>.</summary>
    public bool IsReference => Body is null;

    /// <summary>The statements of the body (empty for a reference).</summary>
    public IReadOnlyList<StatementSyntax> Statements => Body ?? [];

    /// <inheritdoc />
    public BlockSyntax SetPos(Position startPos, int length) => this with { Span = new(startPos.Pos, length) };
}
