namespace Pipeline.Core.Weights;

/// <summary>
/// The header of a GGUF file as the compiler checks it: version, scalar metadata and the tensor directory. Arrays
/// (the tokenizer's vocabulary) are kept as their length only, and no tensor data is read.
/// </summary>
/// <param name="Version">GGUF version (2 or 3).</param>
/// <param name="Metadata">Scalar values by key (integers as <see cref="long"/> or <see cref="ulong"/>, floats as <see cref="double"/>, strings, bools); arrays as <see cref="GgufArrayLength"/> (or <see cref="GgufArrayValues"/> when kept).</param>
/// <param name="Tensors">The tensor directory in file order.</param>
/// <param name="DataStart">Byte offset where tensor data starts (aligned).</param>
public sealed record GgufHeader(uint Version, IReadOnlyDictionary<string, object> Metadata, IReadOnlyList<GgufTensorEntry> Tensors, long DataStart)
{
    /// <summary>The value of <c>general.architecture</c>, or null when it is missing or not a string.</summary>
    public string? Architecture => Metadata.TryGetValue("general.architecture", out var value) ? value as string : null;

    /// <summary>An integer metadata value, or null when it is missing, not an integer, or outside <see cref="long"/>.</summary>
    public long? Integer(string key) => Metadata.TryGetValue(key, out var value) ? value switch
    {
        long v => v,
        ulong v when v <= long.MaxValue => (long)v,
        _ => null,
    } : null;

    /// <summary>Byte offset of each metadata entry (its key), to locate a problem found in a value.</summary>
    public IReadOnlyDictionary<string, long> KeyOffsets { get; init; } = new Dictionary<string, long>();

    /// <summary>The tensor named <paramref name="name"/>, or null.</summary>
    public GgufTensorEntry? Tensor(string name) => Tensors.FirstOrDefault(t => t.Name == name);
}

/// <summary>A metadata array, kept as its element type and length.</summary>
/// <param name="ElementType">GGUF value type of the elements.</param>
/// <param name="Length">Number of elements.</param>
public sealed record GgufArrayLength(uint ElementType, long Length);

/// <summary>A metadata array kept whole (the tokenizer's, when asked for; see <see cref="GgufHeaderReader.Read(Stream, bool)"/>).</summary>
/// <param name="ElementType">GGUF value type of the elements.</param>
/// <param name="Items">The elements: strings, <see cref="long"/> integers, <see cref="double"/> floats or bools.</param>
public sealed record GgufArrayValues(uint ElementType, IReadOnlyList<object> Items);
