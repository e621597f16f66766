using Pipeline.Core.IO;

namespace Pipeline.Core.Weights;

/// <summary>Reads a weights file's GGUF header: the file is checked first (<see cref="InputFiles"/>), then its header only (<see cref="GgufHeaderReader"/>).</summary>
public static class WeightsFile
{
    /// <summary>Largest weights file accepted: 2 TiB (a 405B-parameter model in 16-bit weights is about 810 GB).</summary>
    public const long MaxBytes = 2L << 40;

    /// <summary>The header (or where it is malformed), or the reason the file cannot be used at all.</summary>
    public static (GgufHeaderResult? Header, InputFileProblem? Problem) ReadHeader(string path)
    {
        if (InputFiles.Check(path, MaxBytes) is { } problem) return (null, problem);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            return (GgufHeaderReader.Read(stream), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, new InputFileProblem($"\"{path}\" cannot be read: {e.Message}", "check the file's permissions"));
        }
    }
}
