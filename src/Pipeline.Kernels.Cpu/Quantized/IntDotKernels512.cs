using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>
/// The AVX-512BW path of <see cref="IntDotKernels"/>: 64 values per <c>vpmaddubsw</c> + <c>vpmaddwd</c>, and up to
/// four activation rows per pass over the unpacked weight row, so the weight bytes and scales are loaded once for
/// all four (batched decode and prefill). Signed weights (Q8_0) move their sign onto the activations with a masked
/// negate, since AVX-512 has no <c>vpsignb</c>. Returns the sums before the offset term.
/// </summary>
internal static unsafe class IntDotKernels512
{
    public static bool IsSupported => Avx512BW.IsSupported;

    /// <summary><c>c[r] = dot(w, x[r])</c> for <c>r &lt; 4</c> (activation rows <paramref name="x0"/>..<paramref name="x3"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot4(byte* w, float* ws, bool signed, sbyte* x0, sbyte* x1, sbyte* x2, sbyte* x3,
        float* s0, float* s1, float* s2, float* s3, int k, float* c)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        int p = 0;
        for (; p <= k - 64; p += 64)
        {
            var wv = Vector512.Load(w + p);
            var negative = signed ? Vector512.LessThan(wv.AsSByte(), Vector512<sbyte>.Zero) : default;
            if (signed) wv = Vector512.Abs(wv.AsSByte()).AsByte();
            var scale = Vector512.Load(ws + p / 4);
            a0 = Step(wv, Load(x0 + p, negative, signed), scale * Vector512.Load(s0 + p / 4), a0);
            a1 = Step(wv, Load(x1 + p, negative, signed), scale * Vector512.Load(s1 + p / 4), a1);
            a2 = Step(wv, Load(x2 + p, negative, signed), scale * Vector512.Load(s2 + p / 4), a2);
            a3 = Step(wv, Load(x3 + p, negative, signed), scale * Vector512.Load(s3 + p / 4), a3);
        }
        c[0] = Vector512.Sum(a0) + Tail(w, ws, signed, x0, s0, p, k);
        c[1] = Vector512.Sum(a1) + Tail(w, ws, signed, x1, s1, p, k);
        c[2] = Vector512.Sum(a2) + Tail(w, ws, signed, x2, s2, p, k);
        c[3] = Vector512.Sum(a3) + Tail(w, ws, signed, x3, s3, p, k);
    }

    /// <summary><c>dot(w, x)</c> for one activation row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Dot1(byte* w, float* ws, bool signed, sbyte* x, float* xs, int k)
    {
        Vector512<float> a0 = default, a1 = default;
        int p = 0;
        for (; p <= k - 128; p += 128)
        {
            a0 = Chunk(w + p, ws + p / 4, signed, x + p, xs + p / 4, a0);
            a1 = Chunk(w + p + 64, ws + p / 4 + 16, signed, x + p + 64, xs + p / 4 + 16, a1);
        }
        if (p <= k - 64)
        {
            a0 = Chunk(w + p, ws + p / 4, signed, x + p, xs + p / 4, a0);
            p += 64;
        }
        return Vector512.Sum(a0 + a1) + Tail(w, ws, signed, x, xs, p, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Chunk(byte* w, float* ws, bool signed, sbyte* x, float* xs, Vector512<float> acc)
    {
        var wv = Vector512.Load(w);
        var negative = signed ? Vector512.LessThan(wv.AsSByte(), Vector512<sbyte>.Zero) : default;
        if (signed) wv = Vector512.Abs(wv.AsSByte()).AsByte();
        return Step(wv, Load(x, negative, signed), Vector512.Load(ws) * Vector512.Load(xs), acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<sbyte> Load(sbyte* x, Vector512<sbyte> negative, bool signed)
    {
        var v = Vector512.Load(x);
        return signed ? Vector512.ConditionalSelect(negative, -v, v) : v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Step(Vector512<byte> w, Vector512<sbyte> x, Vector512<float> scale, Vector512<float> acc)
    {
        var lanes = Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, x), Vector512<short>.One);
        return Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(lanes), scale, acc);
    }

    /// <summary>The last 32 values when the row is not a multiple of 64 (Q8_0/Q4_0 rows of 32k + 32).</summary>
    private static float Tail(byte* w, float* ws, bool signed, sbyte* x, float* xs, int from, int k)
    {
        float sum = 0;
        for (int g = from / 4; g < k / 4; g++)
        {
            int isum = 0;
            for (int l = 0; l < 4; l++) isum += (signed ? (sbyte)w[g * 4 + l] : w[g * 4 + l]) * x[g * 4 + l];
            sum += isum * (ws[g] * xs[g]);
        }
        return sum;
    }
}
