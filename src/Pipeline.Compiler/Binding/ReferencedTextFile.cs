using Pipeline.Compiler.Internal;
using Pipeline.Core.IO;

namespace Pipeline.Compiler.Binding;

/// <summary>
/// A text file an experiment names as data (a trace, a prompt dataset), read through the compilation's reader as
/// imports are (the disk, or the files a cell carries) by its absolute path, and parsed once per text: the reader
/// gives the same string for an unchanged file, so a sweep of N cells parses it once, not N times.
/// </summary>
/// <typeparam name="T">What parsing the text gives.</typeparam>
/// <param name="parse">Parses the file's text.</param>
/// <param name="maxBytes">The kind's size cap, which the file on disk is checked against when the reader has no text.</param>
internal sealed class ReferencedTextFile<T>(Func<string, T> parse, long maxBytes)
    where T : class
{
    private readonly Lock _gate = new();
    private (string Text, T Parsed)? _last;

    /// <summary>The parsed file, or why it cannot be used: what the disk says of it, or that the reader did not carry it.</summary>
    public (T? Value, InputFileProblem? Problem) Read(BindContext context, string path)
    {
        var usable = path.Length > 0 && path.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) < 0;
        var text = usable ? context.ReadFile(Path.GetFullPath(path)) : null;
        if (text is null)
        {
            return (null, InputFiles.Check(path, maxBytes) ?? (usable ? InputFiles.ReadText(path, maxBytes).Problem : null)
                ?? new InputFileProblem($"\"{path}\" is not among the files the compiler was given", "compile the experiment where the file can be read"));
        }
        lock (_gate)
        {
            if (_last is { } last && ReferenceEquals(last.Text, text)) return (last.Parsed, null);
        }
        var parsed = parse(text);
        lock (_gate)
        {
            _last = (text, parsed);
        }
        return (parsed, null);
    }
}
