using Pipeline.Core.IO;
using Pipeline.Core.Traces;

namespace Pipeline.Compiler.Internal;

/// <summary>
/// The compiler's default reader of the files an experiment refers to. It keeps the last few texts read while each
/// file's size and write time are unchanged and returns the same string for them, so callers can recognise a text
/// they have already parsed by reference (a sweep of N cells binds its trace N times).
/// </summary>
internal static class DiskFiles
{
    /// <summary>Largest file read: a trace's cap, the largest of the files an experiment names as text.</summary>
    public const long MaxBytes = TraceFile.MaxBytes;

    private const int Kept = 4;
    private static readonly LinkedList<(string Key, string Text)> Recent = new();
    private static readonly Lock Gate = new();

    public static string? Read(string path)
    {
        if (FileStamp.Of(path) is not { } key) return null;
        lock (Gate)
        {
            foreach (var (k, text) in Recent)
            {
                if (k == key) return text;
            }
        }
        var read = InputFiles.ReadText(path, MaxBytes).Text;
        if (read is null) return null;
        lock (Gate)
        {
            Recent.AddFirst((key, read));
            // Bounded: a few files, and never more text than one file at the cap (the one just read always stays).
            while (Recent.Count > 1 && (Recent.Count > Kept || Recent.Sum(r => (long)r.Text.Length) > MaxBytes)) Recent.RemoveLast();
        }
        return read;
    }
}
