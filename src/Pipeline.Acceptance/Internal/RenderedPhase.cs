using System.Globalization;

namespace Pipeline.Acceptance.Internal;

/// <summary>
/// A phase's <c>flops</c>, <c>bytes</c> and <c>intensity</c> read back from a rendered plan (<c>1.374e6 FLOP</c>,
/// <c>37.62 GB</c>, <c>770.2 FLOP/B</c>), so a step can check what the text says, not the values it was made from.
/// </summary>
internal sealed record RenderedPhase(double Flops, double Bytes, double Intensity)
{
    private static readonly string[] BytePrefixes = ["B", "KB", "MB", "GB", "TB", "PB", "EB"];

    /// <summary>Reads the fields that follow the line <paramref name="heading"/>; throws when one is missing.</summary>
    public static RenderedPhase Read(string text, string heading)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        var start = lines.IndexOf(heading);
        if (start < 0) throw new ExpectationException($"the plan's text has no \"{heading}\" section");
        string Field(string name) => lines.Skip(start + 1).Take(6).FirstOrDefault(l => l.StartsWith(name + ": ", StringComparison.Ordinal))?[(name.Length + 2)..]
            ?? throw new ExpectationException($"the plan's \"{heading}\" section states no {name}");
        return new RenderedPhase(Number(Field("flops"), " FLOP"), ByteCount(Field("bytes")), Number(Field("intensity"), " FLOP/B"));
    }

    private static double Number(string value, string unit) =>
        value.EndsWith(unit, StringComparison.Ordinal) ? double.Parse(value[..^unit.Length], CultureInfo.InvariantCulture)
        : throw new ExpectationException($"\"{value}\" is not in{unit}");

    private static double ByteCount(string value)
    {
        var parts = value.Split(' ');
        var scale = Array.IndexOf(BytePrefixes, parts[^1]);
        if (parts.Length != 2 || scale < 0) throw new ExpectationException($"\"{value}\" is not a byte count");
        return double.Parse(parts[0], CultureInfo.InvariantCulture) * Math.Pow(1000, scale);
    }
}
