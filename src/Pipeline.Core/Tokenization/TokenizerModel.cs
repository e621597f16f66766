namespace Pipeline.Core.Tokenization;

/// <summary>The tokenizer family named by GGUF's <c>tokenizer.ggml.model</c>.</summary>
public enum TokenizerModel
{
    /// <summary><c>"llama"</c>: SentencePiece-style pieces with scores, <c>▁</c> for spaces and byte fallback (Llama 1 and 2).</summary>
    Llama,

    /// <summary><c>"gpt2"</c>: byte-level BPE with ranked merges and a pre-tokenizer regex (Llama 3, GPT-2).</summary>
    Gpt2,
}
