namespace Pipeline.Core.Tokenization;

/// <summary>Recognises a Jinja chat template by its markers (as llama.cpp's <c>llm_chat_detect_template</c> does) and renders a one-turn prompt.</summary>
public static class ChatTemplates
{
    /// <summary>The format <paramref name="template"/> writes, or null when it is none pipeline knows.</summary>
    public static ChatFormat? Recognise(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.Contains("<|start_header_id|>", StringComparison.Ordinal) && template.Contains("<|end_header_id|>", StringComparison.Ordinal)) return ChatFormat.Llama3;
        if (template.Contains("<|im_start|>", StringComparison.Ordinal)) return ChatFormat.ChatMl;
        if (template.Contains("[INST]", StringComparison.Ordinal)) return ChatFormat.Llama2;
        return null;
    }

    /// <summary>
    /// One user turn and the opening of the assistant's, as text to encode with special tokens parsed and BOS added by
    /// the tokenizer (so the templates' own BOS is not written here).
    /// </summary>
    public static string Render(ChatFormat format, string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return format switch
        {
            ChatFormat.Llama2 => $"[INST] {prompt.Trim()} [/INST]",
            ChatFormat.Llama3 => $"<|start_header_id|>user<|end_header_id|>\n\n{prompt.Trim()}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            ChatFormat.ChatMl => $"<|im_start|>user\n{prompt}<|im_end|>\n<|im_start|>assistant\n",
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
    }

    /// <summary>The list of recognised formats, for messages.</summary>
    public const string Known = "Llama 2 ([INST]), Llama 3 (<|start_header_id|>) and ChatML (<|im_start|>)";
}
