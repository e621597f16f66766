using System.Globalization;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;

namespace Pipeline.Language.Diagnostics;

public static partial class DiagnosticCatalog
{
    /// <summary>PL0415: a file the experiment refers to is missing, a directory, not a regular file, too large or unreadable.</summary>
    public static Diagnostic FileUnusable(SourceText source, TextSpan span, string what, string problem, string hint) =>
        Error("PL0415", source, span, $"{what} {problem}", hint);

    /// <summary>PL0416: a trace row (or header) that does not parse, or arrives out of order; the message names its line.</summary>
    public static Diagnostic BadTraceRow(SourceText source, TextSpan span, string path, string problem) =>
        Error("PL0416", source, span, $"trace \"{path}\" {problem}",
            "rows are arrival_time,prompt_tokens,output_tokens: seconds (finite, at least 0, in order) and whole token counts of at least 1");

    /// <summary>PL0417: a trace with no rows.</summary>
    public static Diagnostic EmptyTrace(SourceText source, TextSpan span, string path, string problem) =>
        Error("PL0417", source, span, $"trace \"{path}\": {problem}", "a trace needs at least one row");

    /// <summary>PL0418: a trace row whose prompt plus output does not fit the model's context.</summary>
    public static Diagnostic TraceRowTooLong(SourceText source, TextSpan span, string path, int line, long tokens, int context) =>
        Error("PL0418", source, span, $"trace \"{path}\" line {line} needs {tokens} tok of context, more than the model's {context} tok",
            "drop or shorten the row, or use a model with a longer context");

    /// <summary>PL0435: a weights file whose GGUF header is malformed (bad magic or version, truncated, corrupt); the message names the byte.</summary>
    public static Diagnostic BadGguf(SourceText source, TextSpan span, string path, long offset, string problem) =>
        Error("PL0435", source, span, string.Create(CultureInfo.InvariantCulture, $"weights \"{path}\" are not a usable GGUF file: at byte {offset}, {problem}"),
            "give a complete GGUF file (llama.cpp's convert scripts write them); a partial download is truncated");

    /// <summary>PL0436: a GGUF file of a model architecture the engine does not run.</summary>
    public static Diagnostic UnsupportedGgufArchitecture(SourceText source, TextSpan span, string path, string? architecture) =>
        Error("PL0436", source, span, architecture is null
                ? $"weights \"{path}\" name no architecture (`general.architecture` is missing)"
                : $"weights \"{path}\" are for architecture `{architecture}`, not `llama`",
            "use llama-architecture weights (Llama, Mistral and their fine-tunes)");

    /// <summary>PL0437: a GGUF file whose metadata disagrees with the declared model (layers, hidden, heads, kv heads, ffn, vocab), or lacks it.</summary>
    public static Diagnostic GgufModelMismatch(SourceText source, TextSpan span, string path, string setting, string key, long? found, long declared, string model) =>
        found is { } value
            ? Error("PL0437", source, span, string.Create(CultureInfo.InvariantCulture, $"weights \"{path}\" have {setting} = {value} (`{key}`), but model `{model}` declares {declared}"),
                string.Create(CultureInfo.InvariantCulture, $"declare `{setting} = {value}` in the model, or use weights of the declared model"))
            : Error("PL0437", source, span, string.Create(CultureInfo.InvariantCulture, $"weights \"{path}\" lack `{key}`, so {setting} cannot be checked against model `{model}`'s {declared}"),
                "use a GGUF file written by llama.cpp's converter, which records the architecture");

    /// <summary>PL0438: a GGUF tensor the declared model needs that is missing or has another shape.</summary>
    public static Diagnostic GgufTensorMismatch(SourceText source, TextSpan span, string path, string tensor, string problem) =>
        Error("PL0438", source, span, $"weights \"{path}\": tensor '{tensor}' {problem}",
            "the weights do not hold the declared model: check the model's settings against the file (llama.cpp's gguf-dump lists its tensors)");

    /// <summary>PL0439: a request count above a trace's rows (warning): the run replays the rows there are.</summary>
    public static Diagnostic RequestsAboveTraceRows(SourceText source, TextSpan span, int requests, int rows) =>
        Warning("PL0439", source, span, string.Create(CultureInfo.InvariantCulture, $"requests ({requests}) is more than the trace's {rows} rows: the run has {rows} requests"),
            "remove `requests` to replay the whole trace, or give a longer trace");

    /// <summary>PL0440: a run whose estimated size (requests, tokens, timeline memory) is beyond what a run may ask for.</summary>
    public static Diagnostic RunTooLarge(SourceText source, TextSpan span, string estimate, string limit, string mode, string hint) =>
        Error("PL0440", source, span, $"the run would make {estimate}, more than the {limit} {mode} run allows", hint);

    /// <summary>PL0441: arrivals that would span longer than a run may last.</summary>
    public static Diagnostic RunSpansTooLong(SourceText source, TextSpan span, string what, string duration, string limit, string mode) =>
        Error("PL0441", source, span, $"{what} arrive over about {duration}, longer than the {limit} {mode} run may span",
            "raise the rate, or make fewer requests");
}
