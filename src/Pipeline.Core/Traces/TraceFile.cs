using Pipeline.Core.IO;

namespace Pipeline.Core.Traces;

/// <summary>Reads a trace file: the file is checked first (<see cref="InputFiles"/>), then parsed strictly (<see cref="TraceParser"/>).</summary>
public static class TraceFile
{
    /// <summary>Largest trace file read: 256 MiB (the public Azure LLM traces are a few MB to a few hundred MB of rows).</summary>
    public const long MaxBytes = 256L << 20;

    /// <summary>The parsed trace, or the reason the file cannot be used.</summary>
    public static (TraceParseResult? Trace, InputFileProblem? Problem) Read(string path)
    {
        var (text, problem) = InputFiles.ReadText(path, MaxBytes);
        return text is null ? (null, problem) : (TraceParser.Parse(text), null);
    }
}
