namespace Pipeline.Core.Tokenization;

/// <summary>The kind of a vocabulary entry, numbered as GGUF's <c>tokenizer.ggml.token_type</c> (llama.cpp's <c>llama_token_type</c>).</summary>
public enum TokenType
{
    /// <summary>No type given; decodes to nothing.</summary>
    Undefined = 0,

    /// <summary>An ordinary piece of text.</summary>
    Normal = 1,

    /// <summary>The unknown token (<c>&lt;unk&gt;</c>).</summary>
    Unknown = 2,

    /// <summary>A control token such as BOS, EOS or a chat header; only matched in text when special tokens are parsed.</summary>
    Control = 3,

    /// <summary>A user-defined token, always matched in text before the model's own splitting.</summary>
    UserDefined = 4,

    /// <summary>An unused slot; decodes to nothing.</summary>
    Unused = 5,

    /// <summary>A byte-fallback token <c>&lt;0xNN&gt;</c> (SentencePiece vocabularies).</summary>
    Byte = 6,
}
