using System.Globalization;

namespace Pipeline.Runner.Capacity;

/// <summary>
/// A capacity report as an aligned text table, one row per candidate in index order (candidate, accelerators, cost
/// per hour, roofline bound, peak goodput, goodput measured at the peak, meets the traffic?, cost per million output
/// tokens at the peak, note), then the answer: the cheapest candidate that meets the traffic. The first line names the
/// traffic and the workload seed the runs used.
/// </summary>
public static class CapacityTable
{
    private static readonly string[] Header = ["#", "candidate", "accelerators", "USD/h", "bound req/s", "peak req/s", "goodput req/s", "meets", "USD/1M out tok", "note"];

    /// <summary>Writes the table and the answer.</summary>
    public static void Write(CapacityReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var traffic = report.Trace is { } trace ? $"{trace} (mean {Number(report.Traffic)} req/s), peaks searched by replaying it faster or slower" : $"{Number(report.Traffic)} req/s";
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"capacity plan `{report.Experiment}`: traffic {traffic}, seed {report.Seed}"));
        var rows = report.Candidates.Select(Row).Prepend(Header).ToArray();
        var widths = Enumerable.Range(0, Header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            writer.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }
        writer.WriteLine(Answer(report));
    }

    /// <summary>The answer line: the cheapest candidate that meets the traffic, or that none does.</summary>
    public static string Answer(CapacityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var traffic = report.Trace is null ? $"{Number(report.Traffic)} req/s" : "the trace";
        if (report.Cheapest is not { } best) return $"no candidate meets {traffic}";
        var rate = best.PeakRate is { } peak ? $"peak {Number(peak)} req/s" : $"goodput {Number(best.Goodput ?? 0)} req/s on the trace";
        return $"cheapest that meets {traffic}: #{best.Index} {Name(best)} ({best.Accelerators}), {Money(best.UsdPerHour)} USD/h, {rate}";
    }

    private static string[] Row(CandidateResult c) =>
    [
        c.Index.ToString(CultureInfo.InvariantCulture),
        Name(c),
        c.Accelerators,
        c.Outcome == CandidateOutcome.Infeasible ? "-" : Money(c.UsdPerHour),
        double.IsNaN(c.Bound) ? "-" : double.IsPositiveInfinity(c.Bound) ? "none" : Number(c.Bound),
        c.PeakRate is { } peak ? Number(peak) : "-",
        c.Goodput is { } goodput ? Number(goodput) : "-",
        c.MeetsTraffic ? "yes" : "no",
        c.UsdPerMillionOutputTokens is { } usd ? Money(usd) : "-",
        c.Outcome switch
        {
            CandidateOutcome.Infeasible => "infeasible: " + c.Reason,
            CandidateOutcome.Pruned => "pruned: " + c.Reason,
            _ => c.Reason ?? string.Empty,
        },
    ];

    private static string Name(CandidateResult c) => c.Label.Length == 0 ? "(as written)" : c.Label;

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Money(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
