namespace Pipeline.Core.Prompts;

/// <summary>One row of a prompt dataset.</summary>
/// <param name="Line">One-based line in the file.</param>
/// <param name="Prompt">The prompt text.</param>
/// <param name="OutputTokens">The expected output length, when the row gives one.</param>
public sealed record PromptRow(int Line, string Prompt, int? OutputTokens);
