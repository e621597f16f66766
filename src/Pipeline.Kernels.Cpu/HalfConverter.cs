using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Kernels.Cpu;

/// <summary>
/// Widens IEEE f16 to f32 with integer SIMD (.NET exposes no F16C intrinsic): shift the exponent and mantissa
/// into place and rebias the exponent by an add; subnormals are renormalised by a subtraction of normal floats
/// (<see cref="WidenFinite(Vector512{int})"/>); inf/NaN get the f32 all-ones exponent; the sign is OR-ed back. Exact for every half
/// value, and no subnormal f32 ever reaches the FPU (each would cost a microcode assist).
/// </summary>
internal static unsafe class HalfConverter
{
    private const uint InfNanThreshold = 0x7C00u << 13;

    public static void ToSingle(ReadOnlySpan<Half> source, Span<float> destination)
    {
        if (destination.Length < source.Length) throw new ArgumentException("Destination is shorter than the source.", nameof(destination));
        fixed (Half* s = source)
        fixed (float* d = destination)
            ToSingle(s, d, source.Length);
    }

    public static void ToSingle(Half* source, float* destination, int length)
    {
        var src = (ushort*)source;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= length - 32; i += 32)
            {
                var h = Vector512.Load(src + i);
                Vector512.Store(Widen(Vector512.WidenLower(h)), destination + i);
                Vector512.Store(Widen(Vector512.WidenUpper(h)), destination + i + 16);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= length - 16; i += 16)
            {
                var h = Vector256.Load(src + i);
                Vector256.Store(Widen(Vector256.WidenLower(h)), destination + i);
                Vector256.Store(Widen(Vector256.WidenUpper(h)), destination + i + 8);
            }
        }
        for (; i < length; i++) destination[i] = (float)source[i];
    }

    /// <summary>
    /// As <see cref="ToSingle(Half*, float*, int)"/> for halves known to hold no Inf/NaN (see <c>CpuMatrix.F16AllFinite</c>):
    /// sign-extend, shift left 13, <see cref="WidenFinite(Vector512{int})"/> — exact for every finite half, subnormals included.
    /// </summary>
    public static void ToSingleFinite(ReadOnlySpan<Half> source, Span<float> destination)
    {
        if (destination.Length < source.Length) throw new ArgumentException("The destination is shorter than the source.", nameof(destination));
        fixed (Half* s = source)
        fixed (float* d = destination)
            ToSingleFinite(s, d, source.Length);
    }

    /// <summary>Pointer form of <see cref="ToSingleFinite(ReadOnlySpan{Half}, Span{float})"/>.</summary>
    public static void ToSingleFinite(Half* source, float* destination, int length)
    {
        if (Vector512.IsHardwareAccelerated) ToSingle<FiniteWidening>(source, destination, length);
        else ToSingle(source, destination, length);
    }

    /// <summary><paramref name="length"/> halves widened 16 at a time by <typeparamref name="TWidening"/> (AVX-512 only).</summary>
    public static void ToSingle<TWidening>(Half* source, float* destination, int length) where TWidening : struct, IHalfWidening
    {
        var src = (ushort*)source;
        int i = 0;
        for (; i <= length - 16; i += 16) Vector512.Store(TWidening.Widen(src + i), destination + i);
        for (; i < length; i++) destination[i] = TWidening.WidenOne(src[i]);
    }

    /// <summary>
    /// A half's bits, sign-extended and shifted left by 13, as f32 when the half is a normal number: the sign kept in bit
    /// 31, its copies in bits 28-30 cleared, the exponent rebiased by an add (two operations). A zero or subnormal half
    /// comes out as if its exponent field were that of a normal (<see cref="NormalValue"/>): callers add
    /// <see cref="ZeroExponentHalves"/>' differences back.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> WidenNormal(Vector512<int> shifted) =>
        ((shifted & Vector512.Create(unchecked((int)0x8FFFE000))) + Vector512.Create(0x38000000)).AsSingle();

    /// <summary>What <see cref="WidenNormal(Vector512{int})"/> makes of <paramref name="half"/>, one value at a time.</summary>
    public static float NormalValue(ushort half) =>
        BitConverter.Int32BitsToSingle(((half & 0x8000) << 16) | (((half & 0x7FFF) << 13) + 0x38000000));

    /// <summary>
    /// A finite half's bits, sign-extended and shifted left by 13, as f32 in integer arithmetic: the exponent rebiased by
    /// an add; a subnormal or zero half (exponent 0) renormalised as <c>(1 + m / 1024) x 2^-14 - 2^-14</c>, a
    /// subtraction of normal floats. The multiply by 2^112 this replaces handed the FPU a subnormal f32 for every
    /// subnormal half, a microcode assist of ~100 cycles per vector with one such lane.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> WidenFinite(Vector512<int> shifted)
    {
        var magnitude = shifted & Vector512.Create(0x0FFFE000);
        var normal = magnitude + Vector512.Create(0x38000000);
        var renormalised = ((normal + Vector512.Create(0x00800000)).AsSingle() - Vector512.Create(6.1035156e-5f)).AsInt32(); // 2^-14
        var subnormal = Vector512.Equals(magnitude & Vector512.Create(0x0F800000), Vector512<int>.Zero);
        return (Vector512.ConditionalSelect(subnormal, renormalised, normal) | (shifted & Vector512.Create(int.MinValue))).AsSingle();
    }

    /// <summary>The 256-bit <see cref="WidenFinite(Vector512{int})"/> (CPUs without AVX-512).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> WidenFinite(Vector256<int> shifted)
    {
        var magnitude = shifted & Vector256.Create(0x0FFFE000);
        var normal = magnitude + Vector256.Create(0x38000000);
        var renormalised = ((normal + Vector256.Create(0x00800000)).AsSingle() - Vector256.Create(6.1035156e-5f)).AsInt32(); // 2^-14
        var subnormal = Vector256.Equals(magnitude & Vector256.Create(0x0F800000), Vector256<int>.Zero);
        return (Vector256.ConditionalSelect(subnormal, renormalised, normal) | (shifted & Vector256.Create(int.MinValue))).AsSingle();
    }

    public static Vector512<float> Widen(Vector512<uint> h)
    {
        var sign = (h & Vector512.Create(0x8000u)) << 16;
        var magnitude = (h & Vector512.Create(0x7FFFu)) << 13;
        var scaled = WidenFinite(magnitude.AsInt32()).AsUInt32();
        var infNan = Vector512.GreaterThanOrEqual(magnitude, Vector512.Create(InfNanThreshold));
        var special = magnitude | Vector512.Create(0x7F800000u);
        return (Vector512.ConditionalSelect(infNan, special, scaled) | sign).AsSingle();
    }

    public static Vector256<float> Widen(Vector256<uint> h)
    {
        var sign = (h & Vector256.Create(0x8000u)) << 16;
        var magnitude = (h & Vector256.Create(0x7FFFu)) << 13;
        var scaled = WidenFinite(magnitude.AsInt32()).AsUInt32();
        var infNan = Vector256.GreaterThanOrEqual(magnitude, Vector256.Create(InfNanThreshold));
        var special = magnitude | Vector256.Create(0x7F800000u);
        return (Vector256.ConditionalSelect(infNan, special, scaled) | sign).AsSingle();
    }
}
