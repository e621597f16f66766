namespace Pipeline.Language.Syntax;

/// <summary>An item of a file or of a block body: an import, a block, a setting, or text skipped after a syntax error.</summary>
public abstract record StatementSyntax : SyntaxNode;
