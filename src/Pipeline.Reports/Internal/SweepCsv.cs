using System.Text;

namespace Pipeline.Reports.Internal;

/// <summary><c>sweep.csv</c>: one row per cell, each swept setting in its own column, then the seed and the headline figures.</summary>
internal static class SweepCsv
{
    public const string Figures =
        "seed,offered_rate_rps,completed,request_throughput_rps,output_tokens_per_s,goodput_rps,p99_ttft_ms,p99_tpot_ms,slo_met,valid,folder";

    public static string Render(IReadOnlyList<SweepCell> cells, IReadOnlyList<string> axes)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', new[] { "cell" }.Concat(axes.Select(Csv.Field)).Append(Figures))).Append('\n');
        foreach (var c in cells)
        {
            var swept = axes.Select(axis => c.Identity.Swept.FirstOrDefault(s => s.Key == axis) is { Key: not null } s ? Csv.Number(s.Value) : string.Empty);
            var row = new[] { Format.Invariant($"{c.Identity.Cell ?? 0}") }
                .Concat(swept)
                .Concat([
                    Format.Invariant($"{c.Identity.Seed}"),
                    Csv.Number(c.Figures.OfferedRate),
                    Format.Invariant($"{c.Figures.Completed}"),
                    Csv.Number(c.Figures.RequestThroughput),
                    Csv.Number(c.Figures.OutputThroughput, 3),
                    Csv.Number(c.Figures.Goodput),
                    Csv.Number(c.Figures.P99TtftSeconds * 1000, 3),
                    Csv.Number(c.Figures.P99TpotSeconds * 1000, 3),
                    c.Figures.SloMet is { } met ? (met ? "true" : "false") : string.Empty,
                    c.Figures.Valid ? "true" : "false",
                    Csv.Field(Path.GetFileName(c.Folder)),
                ]);
            text.Append(string.Join(',', row)).Append('\n');
        }
        return text.ToString();
    }
}
