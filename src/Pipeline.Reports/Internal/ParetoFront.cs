namespace Pipeline.Reports.Internal;

/// <summary>The cells no other cell beats on both counts: lower (or equal) latency and higher (or equal) throughput.</summary>
internal static class ParetoFront
{
    /// <summary>Indices of the non-dominated points, ordered by latency.</summary>
    public static IReadOnlyList<int> Of(IReadOnlyList<(double Latency, double Throughput)> points) =>
        Enumerable.Range(0, points.Count)
            .Where(i => !points.Any(p => p.Latency <= points[i].Latency && p.Throughput >= points[i].Throughput
                && (p.Latency < points[i].Latency || p.Throughput > points[i].Throughput)))
            .OrderBy(i => points[i].Latency)
            .ThenBy(i => i)
            .ToArray();
}
