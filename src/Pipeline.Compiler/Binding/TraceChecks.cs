using Pipeline.Compiler.Internal;
using Pipeline.Core.Text;
using Pipeline.Core.Traces;
using Pipeline.Language.Diagnostics;

namespace Pipeline.Compiler.Binding;

/// <summary>
/// Opens a workload's trace at compile time, so `check` finds what `run` would: an unusable file (PL0415), every bad
/// row (PL0416, each with its line), an empty trace (PL0417) and rows longer than the model's context (PL0418), all
/// located at the <c>trace(...)</c> call.
/// </summary>
internal static class TraceChecks
{
    private const int MaxTooLong = 5;
    private static readonly ReferencedTextFile<TraceParseResult> s_file = new(TraceParser.Parse, TraceFile.MaxBytes);

    /// <summary>Reports the trace's problems; the trace itself when it has none (so the plan can carry its rows).</summary>
    public static TraceParseResult? Check(BindContext context, TextSpan call, string path, int? contextLength)
    {
        var (trace, problem) = s_file.Read(context, path);
        if (problem is not null)
        {
            context.Report(DiagnosticCatalog.FileUnusable(context.Source, call, "trace", problem.Message, problem.Hint));
            return null;
        }
        foreach (var p in trace!.Problems)
        {
            context.Report(p.Kind == TraceProblemKind.Empty
                ? DiagnosticCatalog.EmptyTrace(context.Source, call, path, p.Message)
                : DiagnosticCatalog.BadTraceRow(context.Source, call, path, p.Message));
        }
        if (!trace.Success) return null;
        if (contextLength is not { } limit || !trace.HasLengths) return trace;
        var tooLong = trace.Rows.Where(r => (long)r.PromptTokens!.Value + r.OutputTokens!.Value > limit).Take(MaxTooLong).ToArray();
        foreach (var row in tooLong)
        {
            context.Report(DiagnosticCatalog.TraceRowTooLong(context.Source, call, path, row.Line, (long)row.PromptTokens!.Value + row.OutputTokens!.Value, limit));
        }
        return tooLong.Length == 0 ? trace : null;
    }
}
