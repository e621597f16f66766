using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>The instruction sequences of the integer dot products.</summary>
internal enum IntDotPath
{
    /// <summary>Plain integer loops (any CPU).</summary>
    Scalar,
    /// <summary>AVX2 <c>vpmaddubsw</c> (u8 x s8 pairs to i16) then <c>vpmaddwd</c> against ones (to i32).</summary>
    Avx2,
    /// <summary>AVX-VNNI <c>vpdpbusd</c>: u8 x s8 quads summed straight into i32 (256-bit).</summary>
    AvxVnni,
    /// <summary>AVX-512BW <c>vpmaddubsw</c> + <c>vpmaddwd</c> on 64 values, four activation rows per weight pass
    /// (.NET 10 exposes VNNI only at 256 bits, and twice the width beats the fused instruction here).</summary>
    Avx512,
}

/// <summary>Chooses the fastest supported <see cref="IntDotPath"/>; tests may force another.</summary>
internal static class IntDotPaths
{
    /// <summary>The best path this CPU supports.</summary>
    public static IntDotPath Best =>
        Avx512BW.IsSupported ? IntDotPath.Avx512 : AvxVnni.IsSupported ? IntDotPath.AvxVnni : Avx2.IsSupported ? IntDotPath.Avx2 : IntDotPath.Scalar;

    /// <summary>The path decode uses (tests call <see cref="QuantizedMatMul.Run"/> with each path directly).</summary>
    public static IntDotPath Current => Best;

    public static bool IsSupported(IntDotPath path) => path switch
    {
        IntDotPath.Avx512 => Avx512BW.IsSupported,
        IntDotPath.AvxVnni => AvxVnni.IsSupported,
        IntDotPath.Avx2 => Avx2.IsSupported,
        _ => true,
    };
}
