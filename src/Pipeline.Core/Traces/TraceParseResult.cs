namespace Pipeline.Core.Traces;

/// <summary>A parsed trace: every row, or the problems that stop it from being used (never both silently).</summary>
/// <param name="Rows">Rows that parsed, in file order.</param>
/// <param name="Problems">Every problem, each at its line (at most <see cref="TraceParser.MaxProblems"/>, then one summary).</param>
/// <param name="HasLengths">True when the rows carry prompt and output lengths.</param>
public sealed record TraceParseResult(IReadOnlyList<TraceRecord> Rows, IReadOnlyList<TraceProblem> Problems, bool HasLengths)
{
    /// <summary>True when the trace can be used: rows and no problem.</summary>
    public bool Success => Problems.Count == 0 && Rows.Count > 0;

    /// <summary>Largest prompt plus output of a row, 0 without lengths.</summary>
    public long LongestSequence => Rows.Count == 0 ? 0 : Rows.Max(r => (long)(r.PromptTokens ?? 0) + (r.OutputTokens ?? 0));
}
