using Sprache;

namespace Pipeline.Language.Parsing.Internal;

/// <summary>
/// A Sprache input over a string that allocates one small object per step and nothing else (Sprache's own
/// <c>Input</c> allocates a memo dictionary per character), and can jump ahead several characters at once.
/// </summary>
internal sealed class TextInput : IInput
{
    private IDictionary<object, object>? _memos;

    public TextInput(string source)
        : this(source, 0, 1, 1)
    {
    }

    private TextInput(string source, int position, int line, int column)
    {
        Source = source;
        Position = position;
        Line = line;
        Column = column;
    }

    public string Source { get; }

    public int Position { get; }

    public int Line { get; }

    public int Column { get; }

    public bool AtEnd => Position >= Source.Length;

    public char Current => Source[Position];

    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public IInput Advance() => AdvanceBy(1);

    /// <summary>The input <paramref name="count"/> characters further on (stopping at the end).</summary>
    public TextInput AdvanceBy(int count)
    {
        var (line, column, position) = (Line, Column, Position);
        for (var i = 0; i < count && position < Source.Length; i++, position++)
        {
            if (Source[position] == '\n') (line, column) = (line + 1, 1);
            else column++;
        }
        return position == Position ? this : new TextInput(Source, position, line, column);
    }

    public bool Equals(IInput? other) =>
        other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Source.Length, Position);

    public override string ToString() => $"Line {Line}, Column {Column}";
}
