namespace Pipeline.Language.Syntax;

/// <summary>The right-hand side of a setting or an argument.</summary>
public abstract record ValueSyntax : SyntaxNode;
