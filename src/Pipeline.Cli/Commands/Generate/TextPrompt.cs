using Pipeline.Core.Tokenization;

namespace Pipeline.Cli.Commands.Generate;

/// <summary>A text prompt encoded with the model's own tokenizer, through its chat template unless raw.</summary>
internal sealed record TextPrompt(Tokenizer Tokenizer, IReadOnlyList<int> Tokens, ChatFormat? Format)
{
    /// <summary>
    /// Reads the tokenizer of <paramref name="ggufPath"/> and encodes <paramref name="prompt"/> (special tokens parsed,
    /// BOS as the vocabulary asks, as llama.cpp's examples do). Problems are printed and give null.
    /// </summary>
    public static TextPrompt? Build(string? ggufPath, string prompt, bool raw, CliOutput output)
    {
        if (ggufPath is null)
        {
            output.Error.WriteLine("error: --prompt needs the model's tokenizer, which only a GGUF file carries; this model has random weights: use --prompt-tokens");
            return null;
        }
        var (result, fileProblem) = TokenizerFile.Read(ggufPath);
        if (fileProblem is not null)
        {
            output.Error.WriteLine($"error: {fileProblem.Message} ({fileProblem.Hint})");
            return null;
        }
        if (result!.Problem is { } problem)
        {
            output.Error.WriteLine($"error: {ggufPath}: the tokenizer cannot be used: {problem.Message} (at byte {problem.Offset})");
            return null;
        }
        var tokenizer = Tokenizer.Create(result.Vocabulary!);
        ChatFormat? format = null;
        if (!raw && result.Vocabulary!.ChatTemplate is { } template)
        {
            format = ChatTemplates.Recognise(template);
            if (format is null)
            {
                output.Error.WriteLine($"error: the model's chat template is not one pipeline recognises ({ChatTemplates.Known}); pass --raw to send the prompt without a template");
                return null;
            }
        }
        var text = format is { } f ? ChatTemplates.Render(f, prompt) : prompt;
        var tokens = tokenizer.Encode(text, addSpecial: true, parseSpecial: true);
        if (tokens.Count == 0)
        {
            output.Error.WriteLine("error: the prompt encodes to no tokens");
            return null;
        }
        return new TextPrompt(tokenizer, tokens, format);
    }
}
