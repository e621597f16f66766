using Pipeline.Core.Text;

namespace Pipeline.Language.Syntax;

/// <summary>A comment (<c>// ...</c> or <c>/* ... */</c>); kept beside the tree so the formatter can put it back.</summary>
/// <param name="Text">The comment including its delimiters.</param>
/// <param name="Span">Where it is.</param>
public sealed record CommentTrivia(string Text, TextSpan Span)
{
    /// <summary>True for <c>// ...</c> comments, which end their line.</summary>
    public bool IsLineComment => Text.StartsWith("//", StringComparison.Ordinal);
}
