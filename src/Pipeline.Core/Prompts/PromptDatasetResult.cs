namespace Pipeline.Core.Prompts;

/// <summary>One problem of a prompt dataset, at its line.</summary>
/// <param name="Line">One-based line (1 for an empty file).</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Empty">True for a file with no rows at all.</param>
public sealed record PromptDatasetProblem(int Line, string Message, bool Empty = false);

/// <summary>A parsed prompt dataset: every row, or the problems that stop it from being used.</summary>
/// <param name="Rows">Rows that parsed, in file order.</param>
/// <param name="Problems">Every problem (at most <see cref="PromptDatasetParser.MaxProblems"/>, then one summary).</param>
public sealed record PromptDatasetResult(IReadOnlyList<PromptRow> Rows, IReadOnlyList<PromptDatasetProblem> Problems)
{
    /// <summary>True when the dataset can be used: rows and no problem.</summary>
    public bool Success => Problems.Count == 0 && Rows.Count > 0;
}
