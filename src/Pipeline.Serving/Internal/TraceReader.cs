using System.Globalization;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;

namespace Pipeline.Serving.Internal;

/// <summary>One row of a trace: arrival time and, when the file has them, the two lengths.</summary>
internal readonly record struct TraceRow(double Arrival, int? PromptTokens, int? OutputTokens);

/// <summary>
/// Reads a CSV trace: <c>arrival_s[,prompt_tokens,output_tokens]</c> per line, an optional header line,
/// blank lines and <c>#</c> comments ignored. Arrival times must not decrease. Problems are diagnostics
/// that point at the offending line.
/// </summary>
internal static class TraceReader
{
    public const string MissingFile = "PLT001";
    public const string BadRow = "PLT002";
    public const string Unordered = "PLT003";

    public static IReadOnlyList<TraceRow> Read(string path, DiagnosticBag diagnostics)
    {
        if (!File.Exists(path))
        {
            diagnostics.Add(new Diagnostic(MissingFile, DiagnosticSeverity.Error,
                $"trace file '{path}' does not exist", new SourceText(path, string.Empty), new TextSpan(0, 0),
                "give a path relative to the experiment file, or an absolute path"));
            return [];
        }
        var source = SourceText.FromFile(path);
        var rows = new List<TraceRow>();
        for (var line = 1; line <= source.LineCount; line++)
        {
            var text = source.GetLine(line);
            var trimmed = text.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#') || (rows.Count == 0 && IsHeader(trimmed)))
            {
                continue;
            }
            var span = new TextSpan(source.GetOffset(line, 1), text.Length);
            if (!TryParse(trimmed, out var row))
            {
                diagnostics.Add(new Diagnostic(BadRow, DiagnosticSeverity.Error,
                    $"trace line {line} is not 'arrival_s,prompt_tokens,output_tokens'", source, span,
                    "arrival is seconds (>= 0); token counts are whole numbers (prompt >= 1, output >= 1)"));
                continue;
            }
            if (rows.Count > 0 && row.Arrival < rows[^1].Arrival)
            {
                diagnostics.Add(new Diagnostic(Unordered, DiagnosticSeverity.Error,
                    $"trace line {line} arrives before the line above it", source, span,
                    "sort the trace by arrival time"));
            }
            rows.Add(row);
        }
        return rows;
    }

    private static bool IsHeader(string line) => !char.IsDigit(line[0]) && line[0] != '.';

    private static bool TryParse(string line, out TraceRow row)
    {
        row = default;
        var cells = line.Split(',', StringSplitOptions.TrimEntries);
        if (cells.Length is not (1 or 3)
            || !double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var arrival)
            || !double.IsFinite(arrival) || arrival < 0)
        {
            return false;
        }
        if (cells.Length == 1)
        {
            row = new TraceRow(arrival, null, null);
            return true;
        }
        if (!int.TryParse(cells[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var prompt) || prompt < 1
            || !int.TryParse(cells[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var output) || output < 1)
        {
            return false;
        }
        row = new TraceRow(arrival, prompt, output);
        return true;
    }
}
