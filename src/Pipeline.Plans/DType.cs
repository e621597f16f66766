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
}

/// <summary>Sizes of <see cref="DType"/> values.</summary>
public static class DTypeExtensions
{
    /// <summary>Bytes one element occupies.</summary>
    public static int BytesPerElement(this DType type) => type switch
    {
        DType.F32 => 4,
        DType.F16 or DType.BF16 => 2,
        DType.FP8 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The spelling used in experiment files (<c>f32</c>, <c>bf16</c>, ...).</summary>
    public static string ToKeyword(this DType type) => type.ToString().ToLowerInvariant();
}
