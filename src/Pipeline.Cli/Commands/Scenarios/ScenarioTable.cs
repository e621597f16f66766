using System.Globalization;
using Pipeline.Plans;
using Pipeline.Runner.Scenarios;

namespace Pipeline.Cli.Commands.Scenarios;

/// <summary>Prints the scenario report and its TPOT curve as aligned text tables.</summary>
internal static class ScenarioTable
{
    public static string Name(Scenario scenario) => scenario == Scenario.SingleStream ? "single-stream" : scenario.ToString().ToLowerInvariant();

    public static void Print(ScenarioReport report, TextWriter writer)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine($"scenarios of {report.Experiment} ({report.Deployment})");
        writer.WriteLine("scenario                       tokens/s   share of Offline   p99 TTFT (ms)   p99 TPOT (ms)   goodput (req/s)   VALID");
        foreach (var row in report.Rows)
        {
            var name = row.PeakRate is { } rate ? string.Create(c, $"{Name(row.Scenario)} at {rate:0.##} req/s") : Name(row.Scenario);
            writer.WriteLine(string.Create(c,
                $"{name,-28}{row.OutputTokensPerSecond,11:0.0}{report.ShareOfOffline(row) * 100,18:0.0}%{row.P99Ttft * 1e3,16:0.0}{row.P99Tpot * 1e3,16:0.0}{row.Goodput,18:0.00}   {(row.Valid ? "VALID" : "INVALID")}"));
        }
        writer.WriteLine();
        writer.WriteLine(report.Finding);
        writer.WriteLine(string.Create(c,
            $"(limits: server {ScenarioReport.Limits(report.Row(Scenario.Server).Slo)}; interactive {ScenarioReport.Limits(report.Row(Scenario.Interactive).Slo)}. Goodput counts requests within the scenario's limits; offline and single-stream are counted against the server limits.)"));
        foreach (var row in report.Rows.Where(r => !r.Valid))
        {
            foreach (var reason in row.Run.InvalidReasons ?? []) writer.WriteLine($"invalid    {Name(row.Scenario)}: {reason}");
            if (row.Search is { Failure: { } failure }) writer.WriteLine($"invalid    {Name(row.Scenario)}: peak search: {failure}");
        }
    }

    public static void PrintCurve(IReadOnlyList<TpotCurvePoint> curve, SloPlan server, TextWriter writer)
    {
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine();
        writer.WriteLine($"best throughput under each TPOT limit (server limits otherwise: {ScenarioReport.Limits(server)})");
        writer.WriteLine("TPOT limit (ms)   peak (req/s)     tokens/s     MFU   decode MFU     MBU   decode batch");
        foreach (var p in curve)
        {
            if (p.PeakRate is not { } rate)
            {
                writer.WriteLine(string.Create(c, $"{p.TpotLimit * 1e3,15:0.0}   no rate meets it"));
                continue;
            }
            writer.WriteLine(string.Create(c,
                $"{p.TpotLimit * 1e3,15:0.0}{rate,15:0.00}{p.OutputTokensPerSecond,13:0.0}{p.Mfu * 100,7:0.0}%{p.DecodeMfu * 100,12:0.0}%{p.Mbu * 100,7:0.0}%{p.MeanDecodeBatch,15:0.0}"));
        }
    }
}
