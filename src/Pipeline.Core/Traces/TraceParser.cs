using System.Globalization;

namespace Pipeline.Core.Traces;

/// <summary>
/// Strict CSV trace parsing. A header, if any, is recognised by its column names, in any order and case:
/// <c>arrival_time</c> (or <c>arrival_s</c>, <c>arrival</c>), <c>prompt_tokens</c>, <c>output_tokens</c>, or the public Azure
/// LLM inference trace's <c>TIMESTAMP</c>, <c>ContextTokens</c>, <c>GeneratedTokens</c> (timestamps become seconds since
/// the first row). Without a header, rows are <c>arrival_s</c> or <c>arrival_s,prompt_tokens,output_tokens</c>. Blank
/// lines and <c>#</c> comments are skipped; every other line is a row or a problem at its line: no row is dropped.
/// Arrivals are finite, non-negative and non-decreasing; lengths are whole numbers of at least 1.
/// </summary>
public static class TraceParser
{
    /// <summary>Problems listed one by one before the rest are summed up in one.</summary>
    public const int MaxProblems = 20;

    private static readonly string[] ArrivalNames = ["arrival_time", "arrival_s", "arrival", "timestamp"];
    private static readonly string[] PromptNames = ["prompt_tokens", "contexttokens", "prompt"];
    private static readonly string[] OutputNames = ["output_tokens", "generatedtokens", "output"];

    /// <summary>Parses the text of a trace file.</summary>
    public static TraceParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<TraceRecord>();
        var problems = new List<TraceProblem>();
        var dropped = 0;
        void Problem(TraceProblemKind kind, int line, string message)
        {
            if (problems.Count < MaxProblems) problems.Add(new(kind, line, message));
            else dropped++;
        }
        Columns? columns = null;
        DateTime? firstStamp = null;
        var lines = text.Split('\n');
        var lastLine = 1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = i + 1;
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            lastLine = line;
            var cells = trimmed.Split(',', StringSplitOptions.TrimEntries);
            if (columns is null)
            {
                columns = Columns.FromFirstLine(cells, out var isHeader, out var headerProblem);
                if (headerProblem is not null)
                {
                    Problem(TraceProblemKind.Header, line, headerProblem);
                    break;
                }
                if (isHeader) continue;
            }
            if (columns.Parse(cells, line, ref firstStamp, out var error) is { } row)
            {
                if (rows.Count > 0 && row.Arrival < rows[^1].Arrival)
                {
                    Problem(TraceProblemKind.Order, line, string.Create(CultureInfo.InvariantCulture,
                        $"line {line} arrives at {row.Arrival:0.######} s, before line {rows[^1].Line} ({rows[^1].Arrival:0.######} s): sort the trace by arrival"));
                }
                rows.Add(row);
            }
            else
            {
                Problem(TraceProblemKind.Row, line, $"line {line}: {error}");
            }
        }
        if (dropped > 0)
        {
            problems.Add(new(TraceProblemKind.Row, problems[^1].Line, $"and {dropped.ToString(CultureInfo.InvariantCulture)} more problem(s) below"));
        }
        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add(new(TraceProblemKind.Empty, lastLine, columns is null ? "the trace is empty" : "the trace has a header but no rows"));
        }
        return new TraceParseResult(rows, problems, columns?.Prompt is not null);
    }

    private sealed record Columns(int Count, int Arrival, int? Prompt, int? Output, bool Timestamps)
    {
        public static Columns FromFirstLine(string[] cells, out bool isHeader, out string? problem)
        {
            problem = null;
            isHeader = !double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            if (!isHeader) return new(cells.Length, 0, cells.Length == 3 ? 1 : null, cells.Length == 3 ? 2 : null, false);
            var names = cells.Select(c => c.ToLowerInvariant()).ToArray();
            int Find(string[] known) => Array.FindIndex(names, known.Contains);
            var (arrival, prompt, output) = (Find(ArrivalNames), Find(PromptNames), Find(OutputNames));
            if (arrival < 0 || (prompt < 0) != (output < 0))
            {
                problem = $"line 1 is not a known header: `{string.Join(",", cells)}`; expected the columns arrival_time, prompt_tokens, "
                    + "output_tokens (or the Azure trace's TIMESTAMP, ContextTokens, GeneratedTokens), or a first row of numbers";
                return new(cells.Length, 0, null, null, false);
            }
            return new(cells.Length, arrival, prompt < 0 ? null : prompt, output < 0 ? null : output, names[arrival] == "timestamp");
        }

        public TraceRecord? Parse(string[] cells, int line, ref DateTime? firstStamp, out string error)
        {
            error = string.Empty;
            if (cells.Length != Count || (Prompt is null && Count is not 1))
            {
                error = $"{cells.Length} cell(s), expected {(Prompt is null && Count is not 1 ? "1 or 3" : Count.ToString(CultureInfo.InvariantCulture))}";
                return null;
            }
            var cell = cells[Arrival];
            double arrival;
            if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                if (!double.IsFinite(seconds) || seconds < 0)
                {
                    error = $"arrival `{cell}` must be a finite number of seconds, at least 0";
                    return null;
                }
                arrival = seconds;
            }
            else if (Timestamps && DateTime.TryParse(cell, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.NoCurrentDateDefault, out var stamp))
            {
                // NoCurrentDateDefault: a bare time reads the same on any day, so parsing is deterministic.
                firstStamp ??= stamp;
                arrival = (stamp - firstStamp.Value).TotalSeconds;
                if (arrival < 0)
                {
                    error = $"arrival `{cell}` is before the first row's time: sort the trace by arrival";
                    return null;
                }
            }
            else
            {
                error = $"arrival `{cell}` is not a number of seconds{(Timestamps ? " or a date and time" : string.Empty)}";
                return null;
            }
            if (Prompt is null) return new TraceRecord(arrival, null, null, line);
            if (Length(cells[Prompt.Value], "prompt_tokens", out var prompt, ref error) && Length(cells[Output!.Value], "output_tokens", out var output, ref error))
            {
                return new TraceRecord(arrival, prompt, output, line);
            }
            return null;
        }

        private static bool Length(string cell, string name, out int value, ref string error)
        {
            if (int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1) return true;
            error = $"{name} `{cell}` must be a whole number from 1 to {int.MaxValue.ToString(CultureInfo.InvariantCulture)}";
            return false;
        }
    }
}
