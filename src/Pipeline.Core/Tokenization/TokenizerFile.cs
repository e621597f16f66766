using Pipeline.Core.IO;
using Pipeline.Core.Weights;

namespace Pipeline.Core.Tokenization;

/// <summary>Reads a GGUF file's tokenizer: the file is checked first (<see cref="InputFiles"/>), then its header with the tokenizer arrays, then the tokenizer.</summary>
public static class TokenizerFile
{
    /// <summary>The tokenizer (or where the header or its tokenizer data is bad), or the reason the file cannot be used at all.</summary>
    public static (GgufTokenizerResult? Result, InputFileProblem? Problem) Read(string path)
    {
        if (InputFiles.Check(path, WeightsFile.MaxBytes) is { } problem) return (null, problem);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            var header = GgufHeaderReader.Read(stream, keepTokenizer: true);
            return (header.Problem is { } bad ? new GgufTokenizerResult(null, bad) : GgufTokenizerReader.Read(header.Header!), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, new InputFileProblem($"\"{path}\" cannot be read: {e.Message}", "check the file's permissions"));
        }
    }
}
