namespace Pipeline.Core.Tokenization;

/// <summary>
/// The chat templates pipeline recognises in a GGUF's <c>tokenizer.chat_template</c> (a Jinja text it does not
/// execute): each is found by the markers it writes and rendered for one user turn followed by the assistant's.
/// </summary>
public enum ChatFormat
{
    /// <summary>Llama 2: <c>[INST] prompt [/INST]</c> (BOS added by the tokenizer).</summary>
    Llama2,

    /// <summary>Llama 3: <c>&lt;|start_header_id|&gt;user&lt;|end_header_id|&gt;\n\nprompt&lt;|eot_id|&gt;</c> then the assistant header.</summary>
    Llama3,

    /// <summary>ChatML: <c>&lt;|im_start|&gt;user\nprompt&lt;|im_end|&gt;\n&lt;|im_start|&gt;assistant\n</c>.</summary>
    ChatMl,
}
