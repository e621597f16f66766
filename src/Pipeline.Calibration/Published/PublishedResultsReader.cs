using System.Globalization;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;

namespace Pipeline.Calibration.Published;

/// <summary>
/// Reads a table of published results (tab-separated, a header naming the columns, as in
/// <c>shared/calibration/mlperf-llama2-70b-v4.tsv</c>). Columns are found by name, so both calibration files read;
/// configuration columns a file lacks are null. A row that cannot be read is a located diagnostic, never dropped.
/// </summary>
public static class PublishedResultsReader
{
    /// <summary>Diagnostic code: a results table is missing a required column or has a malformed row.</summary>
    public const string MalformedTable = "PLC001";

    private static readonly string[] Required = ["round", "submitter", "accelerator", "accelerators_per_node", "nodes", "scenario", "tokens_per_s"];

    // Published figures: an empty cell is one not published; anything else must be a positive number.
    private static readonly string[] Figures = ["ttft_p99_ms", "tpot_p99_ms", "target_qps", "ttft_mean_ms", "tpot_mean_ms", "samples_per_s"];

    // Configuration the submitters state: empty or a word saying it is not known, else a positive whole number.
    private static readonly string[] Configuration = ["tp", "pp", "max_batch"];

    private static readonly string[] Unknown = ["unconfirmed", "unknown", "n/a", "-"];

    private static readonly string[] Scenarios = ["Offline", "Server"];

    /// <summary>The most accelerators a row may have: a simulated system is at most the compiler's 4,096 workers.</summary>
    public const int MaxAccelerators = 4096;

    /// <summary>Reads every row; diagnostics for whatever could not be read.</summary>
    public static (IReadOnlyList<PublishedResult> Rows, IReadOnlyList<Diagnostic> Diagnostics) Read(SourceText source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var rows = new List<PublishedResult>();
        var diagnostics = new List<Diagnostic>();
        var lines = source.Content.Split('\n');
        if (lines.Length == 0 || string.IsNullOrWhiteSpace(lines[0]))
        {
            diagnostics.Add(Error(source, 0, 0, "the results table is empty: expected a tab-separated header naming its columns"));
            return (rows, diagnostics);
        }
        var header = lines[0].TrimEnd('\r').Split('\t');
        var column = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int c = 0, at = 0; c < header.Length; at += header[c].Length + 1, c++)
        {
            if (column.TryAdd(header[c].Trim(), c)) continue;
            diagnostics.Add(Error(source, at, header[c].Length, $"the header names `{header[c].Trim()}` twice (columns {column[header[c].Trim()] + 1} and {c + 1}): which one a row means is not known"));
        }
        foreach (var missing in Required.Where(r => !column.ContainsKey(r)))
        {
            diagnostics.Add(Error(source, 0, lines[0].Length, $"the header has no `{missing}` column (columns: {string.Join(", ", header)})"));
        }
        if (diagnostics.Count > 0) return (rows, diagnostics);

        var offset = lines[0].Length + 1;
        for (var i = 1; i < lines.Length; offset += lines[i].Length + 1, i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0) continue;
            var cells = line.Split('\t');
            string Cell(string name) => column.TryGetValue(name, out var c) && c < cells.Length ? cells[c].Trim() : string.Empty;
            double? Number(string name) => double.TryParse(Cell(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
            int? Whole(string name) => int.TryParse(Cell(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;
            int before = diagnostics.Count;
            void Bad(string name, string problem)
            {
                // The cell itself when the row has it, else the whole row.
                int c = column.TryGetValue(name, out var index) ? index : -1;
                int start = offset + cells.Take(Math.Max(0, c)).Sum(x => x.Length + 1);
                diagnostics.Add(c >= 0 && c < cells.Length
                    ? Error(source, start, cells[c].Length, $"row {i + 1}: `{name}` {problem}")
                    : Error(source, offset, line.Length, $"row {i + 1}: `{name}` {problem}"));
            }
            var perNode = Whole("accelerators_per_node");
            var nodes = Whole("nodes");
            var tokens = Number("tokens_per_s");
            if (perNode is null) Bad("accelerators_per_node", $"is `{Cell("accelerators_per_node")}`, not a positive whole number");
            if (nodes is null) Bad("nodes", $"is `{Cell("nodes")}`, not a positive whole number");
            if (tokens is not > 0) Bad("tokens_per_s", $"is `{Cell("tokens_per_s")}`, not a positive number");
            if (perNode is { } p && nodes is { } n && (long)p * n > MaxAccelerators)
                Bad("nodes", $"gives {(long)p * n:N0} accelerators ({p} a node), more than the {MaxAccelerators:N0} a simulated system may have");
            if (!Scenarios.Contains(Cell("scenario"), StringComparer.OrdinalIgnoreCase))
                Bad("scenario", $"is `{Cell("scenario")}`, not {string.Join(" or ", Scenarios)}");
            foreach (var name in Figures.Where(f => Cell(f).Length > 0 && Number(f) is not > 0))
                Bad(name, $"is `{Cell(name)}`, not a positive number (leave the cell empty when it was not published)");
            foreach (var name in Configuration.Where(f => Cell(f).Length > 0 && !Unknown.Contains(Cell(f), StringComparer.OrdinalIgnoreCase) && Whole(f) is null))
                Bad(name, $"is `{Cell(name)}`, not a positive whole number (or empty, or `unconfirmed`)");
            if (diagnostics.Count > before || perNode is null || nodes is null || tokens is null) continue;
            rows.Add(new PublishedResult(
                i + 1, Cell("round"), Cell("submitter"), FirstNonEmpty(Cell("system"), Cell("system_id")), Cell("accelerator"),
                perNode.Value * nodes.Value, Cell("scenario"), tokens.Value,
                Number("ttft_p99_ms") / 1000, Number("tpot_p99_ms") / 1000, Number("target_qps"),
                Cell("precision"), Whole("tp"), Whole("max_batch"), FirstNonEmpty(Cell("software"), Cell("framework")))
            {
                TtftMean = Number("ttft_mean_ms") / 1000,
                TpotMean = Number("tpot_mean_ms") / 1000,
                SamplesPerSecond = Number("samples_per_s"),
                PipelineParallel = column.ContainsKey("pp") ? Whole("pp") : 1,
                SourcePath = Cell("source_path") is { Length: > 0 } path ? path : null,
            });
        }
        if (rows.Count == 0 && diagnostics.Count == 0)
        {
            diagnostics.Add(Error(source, 0, lines[0].Length, "the results table has a header and no rows"));
        }
        return (rows, diagnostics);
    }

    private static string FirstNonEmpty(string a, string b) => a.Length > 0 ? a : b;

    private static Diagnostic Error(SourceText source, int start, int length, string message) =>
        new(MalformedTable, DiagnosticSeverity.Error, message, source, new TextSpan(start, length));
}
