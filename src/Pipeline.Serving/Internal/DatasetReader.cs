using Pipeline.Core.Diagnostics;
using Pipeline.Core.Prompts;
using Pipeline.Core.Text;
using Pipeline.Core.Tokenization;
using Pipeline.Plans;

namespace Pipeline.Serving.Internal;

/// <summary>One dataset row for a run: its prompt's token ids (null: random ids of <paramref name="Length"/>), its length and its output length, if given.</summary>
internal sealed record DatasetRow(IReadOnlyList<int>? Tokens, int Length, int? OutputTokens);

/// <summary>
/// Reads a prompt dataset for a run with the rules the compiler checked it by: a file that cannot be used, a bad line,
/// an empty dataset or an unusable tokenizer is a diagnostic; prompts are encoded with the plan's tokenizer (the same
/// lengths the compiler measured) or, without one, given the estimated length.
/// </summary>
internal static class DatasetReader
{
    public const string Unusable = "PLT005";

    public static IReadOnlyList<DatasetRow> Read(DatasetPrompts plan, string? baseDirectory, DiagnosticBag diagnostics)
    {
        string Full(string p) => baseDirectory is null ? p : Path.Combine(baseDirectory, p);
        // A compiled plan carries the rows its compiler checked; only a plan built by hand sends the run to the file.
        var rows = plan.Records;
        if (rows is null)
        {
            var (dataset, problem) = PromptDatasetFile.Read(Full(plan.Path));
            var why = problem is not null ? problem.Message : dataset!.Success ? null : dataset.Problems[0].Message;
            if (why is not null) return Fail(plan.Path, $"dataset \"{plan.Path}\": {why}", diagnostics);
            rows = dataset!.Rows;
        }
        Tokenizer? tokenizer = null;
        if (plan.Tokenizer is { } gguf)
        {
            var (read, fileProblem) = TokenizerFile.Read(Full(gguf));
            var bad = fileProblem?.Message ?? read!.Problem?.Message;
            if (bad is not null) return Fail(gguf, $"the prompts cannot be tokenized: weights \"{gguf}\": {bad}", diagnostics);
            tokenizer = Tokenizer.Create(read!.Vocabulary!);
        }
        return rows.Select(r =>
        {
            var tokens = tokenizer is null ? null : PromptTokens.Encode(r.Prompt, tokenizer);
            return new DatasetRow(tokens, tokens?.Count ?? PromptTokens.Estimate(r.Prompt), r.OutputTokens);
        }).ToArray();
    }

    private static IReadOnlyList<DatasetRow> Fail(string path, string message, DiagnosticBag diagnostics)
    {
        diagnostics.Add(new Diagnostic(Unusable, DiagnosticSeverity.Error, message, new SourceText(path, string.Empty), new TextSpan(0, 0), "see spec/language.md, workload"));
        return [];
    }
}
