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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Widen(ushort* h) => HalfConverter.Widen(Vector512.WidenLower(Vector256.Load(h).ToVector512Unsafe()));
}
