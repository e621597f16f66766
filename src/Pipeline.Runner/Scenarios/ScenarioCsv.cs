using System.Globalization;

namespace Pipeline.Runner.Scenarios;

/// <summary>
/// The scenario report and the TPOT curve as CSV (numbers culture-invariant, latencies in ms), for plots; every row
/// ends with the workload seed the runs used, so a file says how to reproduce it.
/// </summary>
public static class ScenarioCsv
{
    /// <summary>Header of <see cref="WriteReport"/>.</summary>
    public const string ReportHeader =
        "scenario,output_tokens_per_s,share_of_offline,p99_ttft_ms,p99_tpot_ms,goodput_req_s,valid,peak_rate_req_s,mfu,prefill_mfu,decode_mfu,mbu,mean_decode_batch,seed";

    /// <summary>Header of <see cref="WriteCurve"/>.</summary>
    public const string CurveHeader =
        "tpot_limit_ms,peak_rate_req_s,output_tokens_per_s,mfu,prefill_mfu,decode_mfu,mbu,mean_decode_batch,p99_tpot_ms,p99_ttft_ms,seed";

    /// <summary>One row per scenario.</summary>
    public static void WriteReport(ScenarioReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(ReportHeader);
        var c = CultureInfo.InvariantCulture;
        foreach (var row in report.Rows)
        {
            var u = row.Run.Utilisation;
            writer.WriteLine(string.Create(c,
                $"{Keyword(row.Scenario)},{row.OutputTokensPerSecond:0.###},{report.ShareOfOffline(row):0.####},{row.P99Ttft * 1e3:0.###},{row.P99Tpot * 1e3:0.###},{row.Goodput:0.####},{(row.Valid ? "true" : "false")},{(row.PeakRate is { } r ? r.ToString("0.####", c) : "")},{u?.Mfu ?? 0:0.######},{u?.PrefillMfu ?? 0:0.######},{u?.DecodeMfu ?? 0:0.######},{u?.Mbu ?? 0:0.######},{u?.MeanDecodeBatch ?? 0:0.###},{report.Seed}"));
        }
    }

    /// <summary>One row per TPOT limit, tightest first; <paramref name="seed"/> is the workload seed the curve's runs used.</summary>
    public static void WriteCurve(IEnumerable<TpotCurvePoint> curve, TextWriter writer, int seed)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(CurveHeader);
        var c = CultureInfo.InvariantCulture;
        foreach (var p in curve)
        {
            writer.WriteLine(string.Create(c,
                $"{p.TpotLimit * 1e3:0.###},{(p.PeakRate is { } r ? r.ToString("0.####", c) : "")},{p.OutputTokensPerSecond:0.###},{p.Mfu:0.######},{p.PrefillMfu:0.######},{p.DecodeMfu:0.######},{p.Mbu:0.######},{p.MeanDecodeBatch:0.###},{p.P99Tpot * 1e3:0.###},{p.P99Ttft * 1e3:0.###},{seed}"));
        }
    }

    private static string Keyword(Plans.Scenario scenario) => scenario == Plans.Scenario.SingleStream ? "single-stream" : scenario.ToString().ToLowerInvariant();
}
