using System.Globalization;
using Pipeline.Engine;
using Pipeline.Plans;

namespace Pipeline.Cli.Commands.Generate;

/// <summary>The parsed options of <c>pipeline generate</c>, with the checks that make a usage error.</summary>
internal sealed record GenerateRequest(
    string? ModelPath,
    string? ExperimentPath,
    string? PromptText,
    string? Prompt,
    bool Raw,
    int MaxTokens,
    bool Greedy,
    float? Temperature,
    int TopK,
    float TopP,
    int Seed,
    string? BackendText,
    bool Json,
    string? DumpLogitsPath)
{
    /// <summary>A usage error, or null when the options are consistent.</summary>
    public string? Validate()
    {
        if ((ModelPath is null) == (ExperimentPath is null)) return "give exactly one of --model FILE.gguf or --experiment FILE.pipe";
        var path = ModelPath ?? ExperimentPath!;
        if (Directory.Exists(path)) return $"{path} is a folder, not a file";
        if (!File.Exists(path)) return $"file not found: {path}";
        if ((PromptText is null) == (Prompt is null)) return "give exactly one of --prompt \"text\" or --prompt-tokens 1,2,3";
        if (PromptText is not null && !TryParseTokens(PromptText, out _)) return $"--prompt-tokens must be comma-separated non-negative integers, got '{PromptText}'";
        if (Raw && Prompt is null) return "--raw applies to --prompt (text), not to --prompt-tokens";
        if (MaxTokens < 1) return "--max-tokens must be at least 1";
        if (Greedy && Temperature is not null) return "--greedy and --temperature exclude each other";
        if (Temperature is { } t && !(t > 0 && float.IsFinite(t))) return "--temperature must be a finite number greater than 0 (use --greedy for argmax)";
        if (TopK < 0) return "--top-k must be 0 (off) or positive";
        if (!(TopP > 0 && TopP <= 1)) return "--top-p must be in (0, 1]"; // NaN is neither: it fails both comparisons
        if (Seed < 0) return "--seed must be 0 or more";
        if (BackendText is not null && BackendName.Parse(BackendText) is null) return $"unknown backend '{BackendText}' ({BackendName.Choices})";
        if (DumpLogitsPath is { } dump)
        {
            // Checked before generating, so a bad path never costs a run or surfaces as an internal error.
            if (string.IsNullOrWhiteSpace(dump)) return "--dump-logits needs a file path; it was empty";
            if (Directory.Exists(dump)) return $"--dump-logits '{dump}' is a directory; give a file path";
            var folder = Path.GetDirectoryName(Path.GetFullPath(dump));
            if (folder is not null && !Directory.Exists(folder)) return $"--dump-logits '{dump}': the folder '{folder}' does not exist";
            if (folder is not null && OutputFolder.CannotWrite(folder) is { } reason) return $"--dump-logits '{dump}' cannot be written: {reason}";
        }
        return null;
    }

    /// <summary>The prompt token ids (valid after <see cref="Validate"/>).</summary>
    public IReadOnlyList<int> PromptTokens() => PromptText is not null && TryParseTokens(PromptText, out var tokens) ? tokens : [];

    /// <summary>The backend named on the command line, if any.</summary>
    public LocalBackend? Backend() => BackendText is null ? null : BackendName.Parse(BackendText);

    /// <summary>Greedy unless a temperature was given.</summary>
    public SamplingOptions Sampling() =>
        Temperature is { } t ? new SamplingOptions(t, TopK, TopP, Seed) : SamplingOptions.Greedy;

    private static bool TryParseTokens(string text, out IReadOnlyList<int> tokens)
    {
        var list = new List<int>();
        tokens = list;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var token)) return false;
            list.Add(token);
        }
        return list.Count > 0;
    }
}
