namespace Pipeline.Plans;

/// <summary>Element type of weights and activations.</summary>
public enum DType
{
    /// <summary>32-bit IEEE float.</summary>
    F32,
    /// <summary>16-bit IEEE float.</summary>
    F16,
    /// <summary>bfloat16.</summary>
    BF16,
    /// <summary>8-bit float (E4M3).</summary>
    FP8,
    /// <summary>
    /// 4-bit float (E2M1) in blocks of 16 sharing one FP8 (E4M3) scale, as NVIDIA's NVFP4 on Blackwell: 4.5 bits
    /// per element stored. Only accelerators with an fp4 tensor-core rate run it.
    /// </summary>
    FP4,
}

/// <summary>Sizes of <see cref="DType"/> values.</summary>
public static class DTypeExtensions
{
    /// <summary>
    /// Bytes one element occupies in memory, block scales included: fp4 is 4 bits plus one 8-bit scale per 16 values,
    /// 9/16 byte (exact in binary, so whole counts times it stay exact).
    /// </summary>
    public static double BytesPerElement(this DType type) => type switch
    {
        DType.F32 => 4,
        DType.F16 or DType.BF16 => 2,
        DType.FP8 => 1,
        DType.FP4 => 9.0 / 16,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Whole bytes <paramref name="elements"/> elements occupy (rounded up for sub-byte types).</summary>
    public static long BytesFor(this DType type, long elements) => (long)Math.Ceiling(elements * type.BytesPerElement());

    /// <summary>The spelling used in experiment files (<c>f32</c>, <c>bf16</c>, ...).</summary>
    public static string ToKeyword(this DType type) => type.ToString().ToLowerInvariant();
}
