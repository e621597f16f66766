namespace Pipeline.Kernels;

/// <summary>
/// How a weight matrix is stored on the host (as read from GGUF or generated). The quantised formats are ggml's
/// block layouts byte for byte; <see cref="WeightBlocks"/> gives their geometry and decodes them.
/// </summary>
public enum WeightFormat
{
    /// <summary>32-bit floats.</summary>
    F32,
    /// <summary>16-bit IEEE floats.</summary>
    F16,
    /// <summary>GGML Q8_0: blocks of 32 int8 values with one f16 scale (34 bytes per block).</summary>
    Q8_0,
    /// <summary>GGML Q4_0: blocks of 32 4-bit values (offset 8) with one f16 scale (18 bytes per block).</summary>
    Q4_0,
    /// <summary>GGML Q4_K: super-blocks of 256 4-bit values, 8 sub-blocks with 6-bit scales and mins (144 bytes).</summary>
    Q4_K,
    /// <summary>GGML Q5_K: as <see cref="Q4_K"/> with a fifth bit per value (176 bytes per 256).</summary>
    Q5_K,
    /// <summary>GGML Q6_K: super-blocks of 256 6-bit values (offset 32), 16 int8 scales and one f16 scale (210 bytes).</summary>
    Q6_K,
}
