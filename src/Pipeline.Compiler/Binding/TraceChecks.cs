using Pipeline.Compiler.Internal;
using Pipeline.Core.IO;
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
    private static readonly Lock s_gate = new();
    private static (string Text, TraceParseResult Trace)? s_lastParsed;

    /// <summary>Reports the trace's problems; the trace itself when it has none (so the plan can carry its rows).</summary>
    public static TraceParseResult? Check(BindContext context, TextSpan call, string path, int? contextLength)
    {
        var (trace, problem) = Read(context, path);
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

    /// <summary>
    /// The trace read through the context's reader (the disk, or the files a cell carries), by its absolute path as
    /// imports are; when the reader has no text, the file on disk says why (or the reader did not carry it).
    /// </summary>
    private static (TraceParseResult? Trace, InputFileProblem? Problem) Read(BindContext context, string path)
    {
        var usable = path.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) < 0 && path.Length > 0;
        var text = usable ? context.ReadFile(Path.GetFullPath(path)) : null;
        if (text is null)
        {
            return (null, InputFiles.Check(path, TraceFile.MaxBytes)
                ?? new InputFileProblem($"\"{path}\" is not among the files the compiler was given", "compile the experiment where the file can be read"));
        }
        lock (s_gate)
        {
            // The reader gives the same string for an unchanged file, so a sweep parses its trace once.
            if (s_lastParsed is { } last && ReferenceEquals(last.Text, text)) return (last.Trace, null);
        }
        var parsed = TraceParser.Parse(text);
        lock (s_gate)
        {
            s_lastParsed = (text, parsed);
        }
        return (parsed, null);
    }
}
