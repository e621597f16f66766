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
        var column = header.Select((name, i) => (name, i)).ToDictionary(c => c.name.Trim(), c => c.i, StringComparer.OrdinalIgnoreCase);
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
            var perNode = Whole("accelerators_per_node");
            var nodes = Whole("nodes");
            var tokens = Number("tokens_per_s");
            if (perNode is null || nodes is null || tokens is not > 0)
            {
                diagnostics.Add(Error(source, offset, line.Length, $"row {i + 1}: accelerators_per_node, nodes and tokens_per_s must be positive numbers"));
                continue;
            }
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
        return (rows, diagnostics);
    }

    private static string FirstNonEmpty(string a, string b) => a.Length > 0 ? a : b;

    private static Diagnostic Error(SourceText source, int start, int length, string message) =>
        new(MalformedTable, DiagnosticSeverity.Error, message, source, new TextSpan(start, length));
}
