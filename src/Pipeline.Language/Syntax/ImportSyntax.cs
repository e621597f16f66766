using Sprache;

namespace Pipeline.Language.Syntax;

/// <summary><c>import "shared/hardware.pipe"</c>: makes the file's model and accelerator declarations visible.</summary>
/// <param name="Path">The imported path, relative to the importing file.</param>
public sealed record ImportSyntax(StringSyntax Path) : StatementSyntax, IPositionAware<ImportSyntax>
{
    /// <inheritdoc />
    public ImportSyntax SetPos(Position startPos, int length) => this with { Span = new(startPos.Pos, length) };
}
