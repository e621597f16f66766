namespace Pipeline.Core.Text;

/// <summary>
/// The text of one source file with its path and an index of line starts, so that offsets
/// map to <c>line:col</c> and a line can be shown under a diagnostic.
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    /// <summary>Creates a source text. Line endings may be <c>\n</c> or <c>\r\n</c>.</summary>
    public SourceText(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        Path = path;
        Content = content;
        var starts = new List<int> { 0 };
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == '\n') starts.Add(i + 1);
        }
        _lineStarts = starts.ToArray();
    }

    /// <summary>The path the text was read from (or a display name such as <c>&lt;stdin&gt;</c>).</summary>
    public string Path { get; }

    /// <summary>The whole text.</summary>
    public string Content { get; }

    /// <summary>Number of lines (a text with no newline has one line).</summary>
    public int LineCount => _lineStarts.Length;

    /// <summary>Reads a file from disk.</summary>
    public static SourceText FromFile(string path) => new(path, File.ReadAllText(path));

    /// <summary>The one-based location of an offset; offsets past the end map to the end.</summary>
    public SourceLocation GetLocation(int offset)
    {
        offset = Math.Clamp(offset, 0, Content.Length);
        var line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0) line = ~line - 1;
        return new SourceLocation(Path, line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>The text of a one-based line, without its line terminator.</summary>
    public string GetLine(int line)
    {
        if (line < 1 || line > _lineStarts.Length) return string.Empty;
        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Length ? _lineStarts[line] : Content.Length;
        return Content[start..end].TrimEnd('\n', '\r');
    }

    /// <summary>The offset of a one-based line and column.</summary>
    public int GetOffset(int line, int column)
    {
        line = Math.Clamp(line, 1, _lineStarts.Length);
        return Math.Min(Content.Length, _lineStarts[line - 1] + Math.Max(0, column - 1));
    }
}
