using System.Runtime.Intrinsics;

namespace Pipeline.Kernels.Cpu;

/// <summary>
/// Widens IEEE f16 to f32 with integer SIMD (.NET exposes no F16C intrinsic): shift the exponent and mantissa
/// into place and multiply by 2^112 to rebias, which also normalises subnormals; inf/NaN get the f32 all-ones
/// exponent; the sign is OR-ed back. Exact for every half value.
/// </summary>
internal static unsafe class HalfConverter
{
    private const uint InfNanThreshold = 0x7C00u << 13;
    /// <summary>2^112, the difference between the f32 and f16 exponent biases (exactly representable).</summary>
    public const float Rebias = 5.192296858534828E+33f;

    /// <summary>Keeps the sign (bit 31) and the shifted exponent and mantissa (bits 13-27) of a sign-extended half.</summary>
    public const int FiniteMask = unchecked((int)0x8FFFE000);

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
    /// sign-extend, shift left 13, clear bits 28-30, scale by 2^112 — exact for every finite half, subnormals included.
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
        if (!Vector512.IsHardwareAccelerated)
        {
            ToSingle(source, destination, length);
            return;
        }
        var src = (short*)source;
        var mask = Vector512.Create(FiniteMask);
        var scale = Vector512.Create(Rebias);
        int i = 0;
        for (; i <= length - 32; i += 32)
        {
            var h = Vector512.Load(src + i);
            Vector512.Store(((Vector512.WidenLower(h) << 13) & mask).AsSingle() * scale, destination + i);
            Vector512.Store(((Vector512.WidenUpper(h) << 13) & mask).AsSingle() * scale, destination + i + 16);
        }
        for (; i < length; i++) destination[i] = (float)source[i];
    }

    public static Vector512<float> Widen(Vector512<uint> h)
    {
        var sign = (h & Vector512.Create(0x8000u)) << 16;
        var magnitude = (h & Vector512.Create(0x7FFFu)) << 13;
        var scaled = (magnitude.AsSingle() * Vector512.Create(Rebias)).AsUInt32();
        var infNan = Vector512.GreaterThanOrEqual(magnitude, Vector512.Create(InfNanThreshold));
        var special = magnitude | Vector512.Create(0x7F800000u);
        return (Vector512.ConditionalSelect(infNan, special, scaled) | sign).AsSingle();
    }

    public static Vector256<float> Widen(Vector256<uint> h)
    {
        var sign = (h & Vector256.Create(0x8000u)) << 16;
        var magnitude = (h & Vector256.Create(0x7FFFu)) << 13;
        var scaled = (magnitude.AsSingle() * Vector256.Create(Rebias)).AsUInt32();
        var infNan = Vector256.GreaterThanOrEqual(magnitude, Vector256.Create(InfNanThreshold));
        var special = magnitude | Vector256.Create(0x7F800000u);
        return (Vector256.ConditionalSelect(infNan, special, scaled) | sign).AsSingle();
    }
}
