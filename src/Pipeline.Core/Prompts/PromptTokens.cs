using System.Text;
using Pipeline.Core.Tokenization;

namespace Pipeline.Core.Prompts;

/// <summary>
/// A dataset prompt's length in tokens: encoded with the model's tokenizer (BOS as the vocabulary asks, special
/// tokens not parsed: a prompt is user text), or, for a model without one, estimated at
/// <see cref="BytesPerToken"/> UTF-8 bytes a token (about what Llama tokenizers give on English text).
/// </summary>
public static class PromptTokens
{
    /// <summary>The estimate's bytes per token.</summary>
    public const int BytesPerToken = 4;

    /// <summary>The prompt's token ids with <paramref name="tokenizer"/>.</summary>
    public static IReadOnlyList<int> Encode(string prompt, Tokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        return tokenizer.Encode(prompt, addSpecial: true, parseSpecial: false);
    }

    /// <summary>The estimated token count of <paramref name="prompt"/> (at least 1).</summary>
    public static int Estimate(string prompt) => Math.Max(1, (Encoding.UTF8.GetByteCount(prompt) + BytesPerToken - 1) / BytesPerToken);
}
