namespace Pipeline.Core.Weights;

/// <summary>One entry of a GGUF tensor directory.</summary>
/// <param name="Name">Tensor name (llama.cpp naming, e.g. <c>blk.0.attn_q.weight</c>).</param>
/// <param name="Dimensions">Sizes, innermost first (ggml's ne0, ne1, ...).</param>
/// <param name="Type">The ggml type id (0 = F32, 1 = F16, 8 = Q8_0, ...).</param>
/// <param name="Offset">Byte offset of the data from the start of the data section.</param>
/// <param name="ByteLength">Bytes of data, from the type's block size.</param>
public sealed record GgufTensorEntry(string Name, IReadOnlyList<long> Dimensions, uint Type, long Offset, long ByteLength)
{
    /// <summary>The shape as written in messages, innermost first: <c>[64, 256]</c>.</summary>
    public string Shape => "[" + string.Join(", ", Dimensions) + "]";
}
