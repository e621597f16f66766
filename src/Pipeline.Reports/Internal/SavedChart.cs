namespace Pipeline.Reports.Internal;

/// <summary>A chart written to disk: its name, its SVG markup for the page and the files written.</summary>
internal sealed record SavedChart(string Name, string Svg, IReadOnlyList<string> Files);
