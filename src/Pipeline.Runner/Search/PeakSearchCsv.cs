using System.Globalization;

namespace Pipeline.Runner.Search;

/// <summary>
/// A peak-rate search as CSV, one row per probe in the order run:
/// <c>probe,rate_req_s,valid,p99_ttft_ms,p99_tpot_ms,output_tokens_per_s,requests_per_s,goodput_req_s,peak,invalid_reasons</c>
/// (percentiles are LoadGen's; reasons joined with <c>; </c> and quoted).
/// </summary>
public static class PeakSearchCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "probe,rate_req_s,valid,p99_ttft_ms,p99_tpot_ms,output_tokens_per_s,requests_per_s,goodput_req_s,peak,invalid_reasons";

    /// <summary>The file's name in a run's report folder.</summary>
    public const string FileName = "peak.csv";

    /// <summary>Writes <see cref="FileName"/> into <paramref name="folder"/> (created if needed); returns its path.</summary>
    public static string WriteFile(PeakSearchResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        using var writer = new StreamWriter(path);
        Write(result, writer);
        return path;
    }

    /// <summary>Writes the header and one row per probe.</summary>
    public static void Write(PeakSearchResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(Header);
        var c = CultureInfo.InvariantCulture;
        for (var i = 0; i < result.Probes.Count; i++)
        {
            var probe = result.Probes[i];
            var m = probe.Result.Metrics;
            var reasons = string.Join("; ", probe.Result.InvalidReasons ?? []).Replace("\"", "\"\"", StringComparison.Ordinal);
            var isPeak = result.Peak is { } peak && peak.Rate == probe.Rate;
            writer.WriteLine(string.Create(c,
                $"{i + 1},{probe.Rate:R},{(probe.Valid ? "true" : "false")},{probe.P99Ttft * 1e3:0.###},{probe.P99Tpot * 1e3:0.###},{probe.OutputTokensPerSecond:0.###},{m.RequestThroughput:0.####},{m.Goodput:0.####},{(isPeak ? "true" : "false")},\"{reasons}\""));
        }
    }
}
