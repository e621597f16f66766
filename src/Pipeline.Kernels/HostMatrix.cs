namespace Pipeline.Kernels;

/// <summary>
/// A row-major weight matrix on the host: <c>Rows x Cols</c>, <c>Cols</c> contiguous (GGUF's <c>ne0</c>).
/// A linear layer <c>y = x W^T</c> stores <c>W</c> as <c>[out_features, in_features]</c>.
/// <see cref="Data"/> holds the raw bytes in <see cref="Format"/>.
/// </summary>
public sealed record HostMatrix(int Rows, int Cols, WeightFormat Format, ReadOnlyMemory<byte> Data)
{
    /// <summary>Wraps f32 values (copies them to bytes).</summary>
    public static HostMatrix FromFloats(int rows, int cols, ReadOnlySpan<float> values)
    {
        if (values.Length != rows * cols) throw new ArgumentException($"Expected {rows * cols} values, got {values.Length}.");
        return new HostMatrix(rows, cols, WeightFormat.F32, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).ToArray());
    }
}
