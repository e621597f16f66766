namespace Pipeline.Core.Text;

/// <summary>A half-open range of characters <c>[Start, Start + Length)</c> in a source text.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>The first offset after the span.</summary>
    public int End => Start + Length;

    /// <summary>Creates the span covering <paramref name="start"/> up to (not including) <paramref name="end"/>.</summary>
    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));

    /// <summary>The smallest span covering both spans.</summary>
    public TextSpan Union(TextSpan other) => FromBounds(Math.Min(Start, other.Start), Math.Max(End, other.End));
}
