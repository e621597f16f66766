using Pipeline.Compiler.Internal;
using Pipeline.Core.Prompts;
using Pipeline.Core.Text;
using Pipeline.Core.Tokenization;
using Pipeline.Language.Diagnostics;
using Pipeline.Plans;

namespace Pipeline.Compiler.Binding;

/// <summary>
/// Opens a workload's prompt dataset at compile time, like a trace, so `check` finds what `run` would: an unusable file
/// (PL0415), every bad line (PL0426), an empty dataset (PL0427), a GGUF model whose tokenizer cannot encode the prompts
/// (PL0428) and rows longer than the context (PL0429), all located at the <c>dataset(...)</c> call. Each row is measured
/// with the model's own tokenizer (a GGUF model) or estimated from its UTF-8 bytes (a model with random weights), and
/// the plan records the rows' lengths; when every row gives <c>output_tokens</c>, those are the output lengths.
/// </summary>
internal static class DatasetChecks
{
    private const int MaxTooLong = 5;
    private static readonly ReferencedTextFile<PromptDatasetResult> s_dataset = new(PromptDatasetParser.Parse, PromptDatasetFile.MaxBytes);
    private static readonly LastFileRead<GgufTokenizerResult> s_lastTokenizer = new();
    private static readonly Lock s_lock = new();
    private static (PromptDatasetResult Dataset, Tokenizer? Tokenizer, int[] Lengths)? s_lastLengths;
    private static Tokenizer? s_lastTokenizerBuilt;

    public static WorkloadPlan? Check(BindContext context, TextSpan call, string path, BoundModel? model, WorkloadPlan workload)
    {
        var (dataset, problem) = s_dataset.Read(context, path);
        if (problem is not null)
        {
            context.Report(DiagnosticCatalog.FileUnusable(context.Source, call, "dataset", problem.Message, problem.Hint));
            return null;
        }
        foreach (var p in dataset!.Problems)
        {
            context.Report(p.Empty ? DiagnosticCatalog.EmptyDataset(context.Source, call, path, p.Message) : DiagnosticCatalog.BadDatasetRow(context.Source, call, path, p.Message));
        }
        if (!dataset.Success || model is null) return null;
        string? tokenizerPath = null;
        Tokenizer? tokenizer = null;
        if (model.Plan.Weights is GgufWeights gguf)
        {
            var (read, fileProblem) = s_lastTokenizer.Read(gguf.Path, TokenizerFile.Read);
            if (fileProblem is not null) return null; // the weights check reports the file (PL0415)
            if (read!.Problem is { } bad)
            {
                context.Report(DiagnosticCatalog.UnusableTokenizer(context.Source, call, gguf.Path, bad.Offset, bad.Message));
                return null;
            }
            tokenizerPath = gguf.Path;
            tokenizer = TokenizerOf(read.Vocabulary!);
        }
        var lengths = Lengths(dataset, tokenizer);
        var rows = dataset.Rows;
        // A vocabulary without byte tokens drops the characters it lacks: a row of only those would be a request of no tokens.
        var empty = Enumerable.Range(0, rows.Count).Where(i => lengths[i] == 0).Take(MaxTooLong).ToArray();
        foreach (var i in empty)
        {
            context.Report(DiagnosticCatalog.DatasetRowWithoutTokens(context.Source, call, path, rows[i].Line, Path.GetFileName(tokenizerPath)!));
        }
        if (empty.Length > 0) return null;
        var outputs = rows.All(r => r.OutputTokens is not null)
            ? new DatasetLength(rows.Average(r => (double)r.OutputTokens!.Value), rows.Min(r => r.OutputTokens!.Value), rows.Max(r => r.OutputTokens!.Value))
            : null;
        var limit = model.Plan.Architecture.ContextLength;
        var tooLong = Enumerable.Range(0, rows.Count)
            .Select(i => (Row: rows[i], Tokens: (long)lengths[i] + (rows[i].OutputTokens ?? workload.OutputTokens.Max)))
            .Where(r => r.Tokens > limit).Take(MaxTooLong).ToArray();
        foreach (var (row, tokens) in tooLong) context.Report(DiagnosticCatalog.DatasetRowTooLong(context.Source, call, path, row.Line, tokens, limit));
        if (tooLong.Length > 0) return null;
        var prompts = new DatasetPrompts(path, tokenizerPath, rows.Count, lengths.Average(), lengths.Min(), lengths.Max()) { Records = rows };
        return workload with { PromptTokens = prompts, OutputTokens = outputs ?? workload.OutputTokens };
    }

    /// <summary>The tokenizer of <paramref name="vocabulary"/>, built once while the weights file is unchanged.</summary>
    private static Tokenizer TokenizerOf(TokenizerVocabulary vocabulary)
    {
        lock (s_lock)
        {
            if (s_lastTokenizerBuilt is { } last && ReferenceEquals(last.Vocabulary, vocabulary)) return last;
        }
        var tokenizer = Tokenizer.Create(vocabulary);
        lock (s_lock)
        {
            s_lastTokenizerBuilt = tokenizer;
        }
        return tokenizer;
    }

    /// <summary>Each row's prompt length; kept for the same dataset and tokenizer (sweep cells bind the experiment again and again).</summary>
    private static int[] Lengths(PromptDatasetResult dataset, Tokenizer? tokenizer)
    {
        lock (s_lock)
        {
            if (s_lastLengths is { } last && ReferenceEquals(last.Dataset, dataset) && ReferenceEquals(last.Tokenizer?.Vocabulary, tokenizer?.Vocabulary)) return last.Lengths;
        }
        var lengths = dataset.Rows.Select(r => tokenizer is null ? PromptTokens.Estimate(r.Prompt) : PromptTokens.Encode(r.Prompt, tokenizer).Count).ToArray();
        lock (s_lock)
        {
            s_lastLengths = (dataset, tokenizer, lengths);
        }
        return lengths;
    }
}
