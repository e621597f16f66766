using Pipeline.Compiler.Internal;
using Pipeline.Core.IO;

namespace Pipeline.Compiler.Binding;

/// <summary>
/// Keeps the last read of a referenced binary file (GGUF weights, a GGUF tokenizer) while the file's path, size and write time are unchanged:
/// sweep cells, peak-search probes and acceptance steps bind the same experiment again and again.
/// </summary>
/// <typeparam name="T">What reading the file gives.</typeparam>
internal sealed class LastFileRead<T>
    where T : class
{
    private readonly Lock _lock = new();
    private (string Key, T? Value, InputFileProblem? Problem)? _last;

    /// <summary>The last result for <paramref name="path"/> when the file is unchanged, else <paramref name="read"/>'s.</summary>
    public (T? Value, InputFileProblem? Problem) Read(string path, Func<string, (T?, InputFileProblem?)> read)
    {
        var key = FileStamp.Of(path) ?? string.Empty;
        lock (_lock)
        {
            if (key.Length > 0 && _last is { } last && last.Key == key) return (last.Value, last.Problem);
        }
        var (value, problem) = read(path);
        lock (_lock)
        {
            _last = (key, value, problem);
        }
        return (value, problem);
    }
}
