namespace Pipeline.Core.Text;

/// <summary>A one-based line and column in a named file, as compilers print it (<c>file:line:col</c>).</summary>
public readonly record struct SourceLocation(string Path, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}:{Line}:{Column}";
}
