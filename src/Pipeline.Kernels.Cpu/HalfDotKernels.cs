using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Kernels.Cpu;

/// <summary>
/// Batch-1 decode dot products over f16 weights with the widening fused in (no scratch panel). The widening is a
/// type parameter so the JIT specialises one loop per strategy: <see cref="ExactWidening"/> handles every half,
/// <see cref="FiniteWidening"/> is the short sequence for matrices that hold no Inf/NaN.
/// </summary>
internal static unsafe class HalfDotKernels
{
    /// <summary><c>c[j] = dot(a, widen(w + j * ldw))</c> for <c>j &lt; 4</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot1x4<TWidening>(float* a, Half* w, int ldw, int k, float* c)
        where TWidening : struct, IHalfWidening
    {
        var w0 = (ushort*)w;
        ushort* w1 = w0 + ldw, w2 = w0 + 2 * ldw, w3 = w0 + 3 * ldw;
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        // The next four rows, requested while these compute (rows are consecutive when ldw is k, as decode calls it).
        var next = new StreamPrefetch(w0 + 4L * ldw, 8L * ldw, k / 16);
        int p = 0;
        for (; p <= k - 16; p += 16)
        {
            next.Step(p / 16);
            var x = Vector512.Load(a + p);
            c0 = Vector512.FusedMultiplyAdd(x, TWidening.Widen(w0 + p), c0);
            c1 = Vector512.FusedMultiplyAdd(x, TWidening.Widen(w1 + p), c1);
            c2 = Vector512.FusedMultiplyAdd(x, TWidening.Widen(w2 + p), c2);
            c3 = Vector512.FusedMultiplyAdd(x, TWidening.Widen(w3 + p), c3);
        }
        float t0 = Vector512.Sum(c0), t1 = Vector512.Sum(c1), t2 = Vector512.Sum(c2), t3 = Vector512.Sum(c3);
        for (; p < k; p++)
        {
            t0 += a[p] * TWidening.WidenOne(w0[p]);
            t1 += a[p] * TWidening.WidenOne(w1[p]);
            t2 += a[p] * TWidening.WidenOne(w2[p]);
            t3 += a[p] * TWidening.WidenOne(w3[p]);
        }
        c[0] = t0;
        c[1] = t1;
        c[2] = t2;
        c[3] = t3;
    }
}

/// <summary>Widens 16 halves at <c>h</c> to floats.</summary>
internal unsafe interface IHalfWidening
{
    static abstract Vector512<float> Widen(ushort* h);

    /// <summary>The same widening of one half (a row's tail past the last 16).</summary>
    static abstract float WidenOne(ushort h);
}

/// <summary>Exact for every half, Inf and NaN included (eleven vector operations).</summary>
internal readonly unsafe struct ExactWidening : IHalfWidening
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Widen(ushort* h) => HalfConverter.Widen(Vector512.WidenLower(Vector256.Load(h).ToVector512Unsafe()));

    public static float WidenOne(ushort h) => (float)BitConverter.UInt16BitsToHalf(h);
}

/// <summary>
/// Exact for finite halves only: the sign-extended bits shifted left by 13 put exponent and mantissa where an f32's go
/// and the sign in bit 31; <see cref="HalfConverter.WidenFinite(Vector512{int})"/> rebiases in integers. On two cores the widening, not
/// memory, bounds f16 decode; its earlier multiply by 2^112 took a microcode assist for every vector holding a
/// subnormal half (0.2% of Gaussian weights of std 0.02, so ~4% of 16-value vectors): 1.2-1.4x slower decode.
/// </summary>
internal readonly unsafe struct FiniteWidening : IHalfWidening
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Widen(ushort* h)
    {
        var bits = Vector512.WidenLower(Vector256.Load((short*)h).ToVector512Unsafe()) << 13;
        return HalfConverter.WidenFinite(bits);
    }

    public static float WidenOne(ushort h) => (float)BitConverter.UInt16BitsToHalf(h);
}

/// <summary>
/// Exact for normal halves only (four vector operations): zeros and subnormals come out as
/// <see cref="HalfConverter.NormalValue"/>, and the caller adds the matrix's <see cref="ZeroExponentHalves"/> back.
/// </summary>
internal readonly unsafe struct NormalWidening : IHalfWidening
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Widen(ushort* h) =>
        HalfConverter.WidenNormal(Vector512.WidenLower(Vector256.Load((short*)h).ToVector512Unsafe()) << 13);

    public static float WidenOne(ushort h) => HalfConverter.NormalValue(h);
}
