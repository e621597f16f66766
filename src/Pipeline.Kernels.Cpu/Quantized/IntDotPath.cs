using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>The instruction sequences of the integer dot products.</summary>
internal enum IntDotPath
{
    /// <summary>Plain integer loops (any CPU).</summary>
    Scalar,
    /// <summary>AVX2 <c>vpmaddubsw</c> (u8 x s8 pairs to i16) then <c>vpmaddwd</c> against ones (to i32).</summary>
    Avx2,
    /// <summary>AVX-VNNI <c>vpdpbusd</c>: u8 x s8 quads summed straight into i32.</summary>
    AvxVnni,
}

/// <summary>Chooses the fastest supported <see cref="IntDotPath"/>; tests may force another.</summary>
internal static class IntDotPaths
{
    /// <summary>The best path this CPU supports.</summary>
    public static IntDotPath Best => AvxVnni.IsSupported ? IntDotPath.AvxVnni : Avx2.IsSupported ? IntDotPath.Avx2 : IntDotPath.Scalar;

    /// <summary>The path decode uses (tests call <see cref="QuantizedMatMul.Run"/> with each path directly).</summary>
    public static IntDotPath Current => Best;

    public static bool IsSupported(IntDotPath path) => path switch
    {
        IntDotPath.AvxVnni => AvxVnni.IsSupported,
        IntDotPath.Avx2 => Avx2.IsSupported,
        _ => true,
    };
}
