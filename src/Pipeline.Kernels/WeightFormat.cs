namespace Pipeline.Kernels;

/// <summary>How a weight matrix is stored on the host (as read from GGUF or generated).</summary>
public enum WeightFormat
{
    /// <summary>32-bit floats.</summary>
    F32,
    /// <summary>16-bit IEEE floats.</summary>
    F16,
    /// <summary>GGML Q8_0: blocks of 32 int8 values with one f16 scale (34 bytes per block).</summary>
    Q8_0,
}
