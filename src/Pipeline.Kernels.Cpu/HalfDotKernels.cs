using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Kernels.Cpu;

/// <summary>
/// Batch-1 decode over f16 weights with the widening fused into the dot product: each 16 halves are widened in
/// registers and multiplied straight away, instead of being stored to a scratch panel and loaded again.
/// </summary>
internal static unsafe class HalfDotKernels
{
    /// <summary><c>c[j] = dot(a, widen(w + j * ldw))</c> for <c>j &lt; 4</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot1x4(float* a, Half* w, int ldw, int k, float* c)
    {
        var w0 = (ushort*)w;
        ushort* w1 = w0 + ldw, w2 = w0 + 2 * ldw, w3 = w0 + 3 * ldw;
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        int p = 0;
        for (; p <= k - 16; p += 16)
        {
            var x = Vector512.Load(a + p);
            c0 = Vector512.FusedMultiplyAdd(x, Widen(w0 + p), c0);
            c1 = Vector512.FusedMultiplyAdd(x, Widen(w1 + p), c1);
            c2 = Vector512.FusedMultiplyAdd(x, Widen(w2 + p), c2);
            c3 = Vector512.FusedMultiplyAdd(x, Widen(w3 + p), c3);
        }
        float t0 = Vector512.Sum(c0), t1 = Vector512.Sum(c1), t2 = Vector512.Sum(c2), t3 = Vector512.Sum(c3);
        for (; p < k; p++)
        {
            t0 += a[p] * (float)w[p];
            t1 += a[p] * (float)w[ldw + p];
            t2 += a[p] * (float)w[2 * ldw + p];
            t3 += a[p] * (float)w[3 * ldw + p];
        }
        c[0] = t0;
        c[1] = t1;
        c[2] = t2;
        c[3] = t3;
    }

    /// <summary>
    /// <see cref="Dot1x4"/> for weights known to hold no Inf/NaN. A half's sign-extended bits shifted left by 13 put its
    /// exponent and mantissa where an f32's go (bits 13-27) and its sign in bit 31; masking bits 28-30 and scaling by
    /// 2^112 re-biases the exponent exactly (subnormal halves become exact normals). Five vector operations per 16
    /// weights instead of eleven: on two cores the widening, not memory, bounds f16 decode.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot1x4Finite(float* a, Half* w, int ldw, int k, float* c)
    {
        var w0 = (short*)w;
        short* w1 = w0 + ldw, w2 = w0 + 2 * ldw, w3 = w0 + 3 * ldw;
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        int p = 0;
        for (; p <= k - 16; p += 16)
        {
            var x = Vector512.Load(a + p);
            c0 = Vector512.FusedMultiplyAdd(x, WidenFinite(w0 + p), c0);
            c1 = Vector512.FusedMultiplyAdd(x, WidenFinite(w1 + p), c1);
            c2 = Vector512.FusedMultiplyAdd(x, WidenFinite(w2 + p), c2);
            c3 = Vector512.FusedMultiplyAdd(x, WidenFinite(w3 + p), c3);
        }
        float t0 = Vector512.Sum(c0), t1 = Vector512.Sum(c1), t2 = Vector512.Sum(c2), t3 = Vector512.Sum(c3);
        for (; p < k; p++)
        {
            t0 += a[p] * (float)w[p];
            t1 += a[p] * (float)w[ldw + p];
            t2 += a[p] * (float)w[2 * ldw + p];
            t3 += a[p] * (float)w[3 * ldw + p];
        }
        c[0] = t0;
        c[1] = t1;
        c[2] = t2;
        c[3] = t3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> WidenFinite(short* h)
    {
        var bits = Vector512.WidenLower(Vector256.Load(h).ToVector512Unsafe());
        return ((bits << 13) & Vector512.Create(unchecked((int)0x8FFFE000))).AsSingle() * Vector512.Create(Rebias);
    }

    /// <summary>2^112: the difference between the f32 (127) and f16 (15) exponent biases.</summary>
    private const float Rebias = 5.192296858534828e33f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Widen(ushort* h) => HalfConverter.Widen(Vector512.WidenLower(Vector256.Load(h).ToVector512Unsafe()));
}
