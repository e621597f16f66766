using System.Globalization;

namespace Pipeline.Runner.Capacity;

/// <summary>
/// A capacity report as CSV, one row per candidate in index order:
/// <c>index,candidate,accelerators,accelerator_count,usd_per_hour,outcome,bound_req_s,peak_req_s,goodput_req_s,output_tokens_per_s,usd_per_1m_output_tokens,meets_traffic,cheapest,probes,note,seed</c>
/// (empty cells where a figure does not apply; <c>inf</c> for no bound; text cells quoted; <c>seed</c> the workload seed the runs used).
/// </summary>
public static class CapacityCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "index,candidate,accelerators,accelerator_count,usd_per_hour,outcome,bound_req_s,peak_req_s,goodput_req_s,output_tokens_per_s,usd_per_1m_output_tokens,meets_traffic,cheapest,probes,note,seed";

    /// <summary>Writes the header and one row per candidate.</summary>
    public static void Write(CapacityReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(Header);
        var cheapest = report.Cheapest?.Index;
        foreach (var c in report.Candidates)
        {
            var bound = double.IsNaN(c.Bound) ? string.Empty : double.IsPositiveInfinity(c.Bound) ? "inf" : Number(c.Bound);
            writer.WriteLine(string.Join(",",
                c.Index.ToString(CultureInfo.InvariantCulture), Quote(c.Label), Quote(c.Accelerators), c.AcceleratorCount.ToString(CultureInfo.InvariantCulture),
                Number(c.UsdPerHour), c.Outcome.ToString().ToLowerInvariant(), bound, Optional(c.PeakRate), Optional(c.Goodput),
                Optional(c.OutputTokensPerSecond), Optional(c.UsdPerMillionOutputTokens), c.MeetsTraffic ? "true" : "false",
                cheapest == c.Index ? "true" : "false", c.Probes.ToString(CultureInfo.InvariantCulture), Quote(c.Reason ?? string.Empty), report.Seed.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static string Optional(double? value) => value is { } v ? Number(v) : string.Empty;

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
