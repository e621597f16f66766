using Pipeline.Core.IO;

namespace Pipeline.Core.Prompts;

/// <summary>Reads a prompt dataset: the file is checked first (<see cref="InputFiles"/>), then parsed strictly (<see cref="PromptDatasetParser"/>).</summary>
public static class PromptDatasetFile
{
    /// <summary>Largest dataset read: 256 MiB (as traces).</summary>
    public const long MaxBytes = 256L << 20;

    /// <summary>The parsed dataset, or the reason the file cannot be used.</summary>
    public static (PromptDatasetResult? Dataset, InputFileProblem? Problem) Read(string path)
    {
        var (text, problem) = InputFiles.ReadText(path, MaxBytes);
        return text is null ? (null, problem) : (PromptDatasetParser.Parse(text), null);
    }
}
