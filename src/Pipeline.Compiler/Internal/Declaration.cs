using Pipeline.Core.Text;
using Pipeline.Language.Syntax;

namespace Pipeline.Compiler.Internal;

/// <summary>A top-level <c>model</c> or <c>accelerator</c> declaration and the file it is in.</summary>
internal sealed record Declaration(BlockSyntax Block, SourceText Source)
{
    public string Name => Block.Name?.Text ?? string.Empty;
}
