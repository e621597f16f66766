using Pipeline.Core.Text;

namespace Pipeline.Language.Syntax;

/// <summary>A node of the experiment syntax tree. Every node knows the span of source text it was parsed from.</summary>
public abstract record SyntaxNode
{
    /// <summary>Where the node is in its source text.</summary>
    public TextSpan Span { get; init; }
}
