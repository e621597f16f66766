using Pipeline.Core.Text;

namespace Pipeline.Language.Syntax;

/// <summary>A parsed experiment file: its top-level items (imports and blocks) and its comments.</summary>
/// <param name="Source">The text it was parsed from.</param>
/// <param name="Items">Top-level items in source order.</param>
/// <param name="Comments">Every comment in source order.</param>
public sealed record DocumentSyntax(SourceText Source, IReadOnlyList<StatementSyntax> Items, IReadOnlyList<CommentTrivia> Comments)
{
    /// <summary>The import statements.</summary>
    public IEnumerable<ImportSyntax> Imports => Items.OfType<ImportSyntax>();

    /// <summary>The top-level blocks.</summary>
    public IEnumerable<BlockSyntax> Blocks => Items.OfType<BlockSyntax>();
}
