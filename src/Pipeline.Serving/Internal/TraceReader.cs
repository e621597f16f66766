using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;
using Pipeline.Core.Traces;

namespace Pipeline.Serving.Internal;

/// <summary>One arrival of a run: its time and, when a trace gives them, the two lengths.</summary>
internal readonly record struct TraceRow(double Arrival, int? PromptTokens, int? OutputTokens);

/// <summary>
/// Reads the trace of a plan built by hand (a compiled plan carries its rows) with the same strict rules the compiler
/// checks it by (<see cref="TraceFile"/>): a file that cannot be used, every bad row and an empty trace are diagnostics
/// pointing at the file and line; no row is dropped.
/// </summary>
internal static class TraceReader
{
    public const string MissingFile = "PLT001";
    public const string BadRow = "PLT002";
    public const string Unordered = "PLT003";

    public static IReadOnlyList<TraceRecord> Read(string path, DiagnosticBag diagnostics)
    {
        var (trace, problem) = TraceFile.Read(path);
        if (problem is not null)
        {
            diagnostics.Add(new Diagnostic(MissingFile, DiagnosticSeverity.Error, "trace " + problem.Message,
                new SourceText(path, string.Empty), new TextSpan(0, 0), problem.Hint));
            return [];
        }
        if (trace!.Problems.Count > 0)
        {
            var source = SourceText.FromFile(path);
            foreach (var p in trace.Problems)
            {
                var line = Math.Clamp(p.Line, 1, Math.Max(1, source.LineCount));
                var span = new TextSpan(source.GetOffset(line, 1), source.GetLine(line).Length);
                diagnostics.Add(new Diagnostic(p.Kind == TraceProblemKind.Order ? Unordered : BadRow, DiagnosticSeverity.Error,
                    $"trace {p.Message}", source, span, "rows are arrival_time,prompt_tokens,output_tokens; see spec/language.md, workload"));
            }
            return [];
        }
        return trace.Rows;
    }
}
