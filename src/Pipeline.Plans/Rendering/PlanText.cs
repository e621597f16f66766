using System.Text;

namespace Pipeline.Plans.Rendering;

/// <summary>Accumulates indented <c>key: value</c> lines with <c>\n</c> endings (never the platform newline).</summary>
internal sealed class PlanText
{
    private readonly StringBuilder _builder = new();

    /// <summary>Current depth; two spaces per level.</summary>
    public int Depth { get; private set; }

    /// <summary>Writes a line at the current depth.</summary>
    public void Line(string text) => _builder.Append(' ', Depth * 2).Append(text).Append('\n');

    /// <summary>Writes <c>key: value</c>.</summary>
    public void Field(string key, string value) => Line(key + ": " + value);

    /// <summary>Writes a heading line and indents what the returned scope's lifetime covers.</summary>
    public Scope Section(string heading)
    {
        Line(heading);
        Depth++;
        return new Scope(this);
    }

    /// <summary>Writes rows as left-aligned columns separated by two spaces (trailing spaces trimmed).</summary>
    public void Table(IReadOnlyList<string[]> rows)
    {
        var widths = new int[rows.Max(r => r.Length)];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (var i = 0; i < row.Length; i++)
            {
                line.Append(i == 0 ? row[i].PadRight(widths[i]) : row[i].PadLeft(widths[i]));
                if (i < row.Length - 1)
                {
                    line.Append("  ");
                }
            }

            Line(line.ToString().TrimEnd());
        }
    }

    /// <inheritdoc />
    public override string ToString() => _builder.ToString();

    /// <summary>Ends a section.</summary>
    public readonly struct Scope(PlanText text) : IDisposable
    {
        /// <summary>Outdents.</summary>
        public void Dispose() => text.Depth--;
    }
}
