using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Kernels.Cpu;

/// <summary>
/// Register-blocked dot-product micro-kernels over K-contiguous rows (both the activations and the weights of
/// <c>y = x W^T</c> are K-contiguous, so no packing is needed): a 4x4 tile keeps 16 accumulators in zmm
/// registers and issues 16 FMAs per 8 loads, which is FMA-bound rather than load-bound.
/// </summary>
internal static unsafe class DotKernels
{
    /// <summary><c>c[i * ldc + j] = dot(a + i * lda, w + j * ldw)</c> for <c>i, j &lt; 4</c>.</summary>
    public static void Dot4x4(float* a, int lda, float* w, int ldw, int k, float* c, int ldc) => DotRx4<Four>(a, lda, w, ldw, k, c, ldc);

    /// <summary>
    /// <see cref="Dot4x4"/> for <typeparamref name="TRows"/> (two to four) activation rows: a batch of two or three
    /// rows shares each weight load too, where a row at a time reloaded the panel per row (a batch-3 decode step took
    /// longer than a batch-4 one). The row count is a type, so the JIT drops the unused rows' code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DotRx4<TRows>(float* a, int lda, float* w, int ldw, int k, float* c, int ldc) where TRows : struct, IRowCount
    {
        int rows = TRows.Count;
        if (!Vector512.IsHardwareAccelerated)
        {
            for (int i = 0; i < rows; i++) Dot1x4(a + i * lda, w, ldw, k, c + i * ldc);
            return;
        }
        float* a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda;
        float* w0 = w, w1 = w + ldw, w2 = w + 2 * ldw, w3 = w + 3 * ldw;
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
        int p = 0;
        for (; p <= k - 16; p += 16)
        {
            var b0 = Vector512.Load(w0 + p);
            var b1 = Vector512.Load(w1 + p);
            var b2 = Vector512.Load(w2 + p);
            var b3 = Vector512.Load(w3 + p);
            var x = Vector512.Load(a0 + p);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            c02 = Vector512.FusedMultiplyAdd(x, b2, c02); c03 = Vector512.FusedMultiplyAdd(x, b3, c03);
            x = Vector512.Load(a1 + p);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            c12 = Vector512.FusedMultiplyAdd(x, b2, c12); c13 = Vector512.FusedMultiplyAdd(x, b3, c13);
            if (TRows.Count > 2)
            {
                x = Vector512.Load(a2 + p);
                c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
                c22 = Vector512.FusedMultiplyAdd(x, b2, c22); c23 = Vector512.FusedMultiplyAdd(x, b3, c23);
            }
            if (TRows.Count > 3)
            {
                x = Vector512.Load(a3 + p);
                c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
                c32 = Vector512.FusedMultiplyAdd(x, b2, c32); c33 = Vector512.FusedMultiplyAdd(x, b3, c33);
            }
        }
        Store4(c + 0 * ldc, c00, c01, c02, c03, a0, w0, ldw, p, k);
        Store4(c + 1 * ldc, c10, c11, c12, c13, a1, w0, ldw, p, k);
        if (TRows.Count > 2) Store4(c + 2 * ldc, c20, c21, c22, c23, a2, w0, ldw, p, k);
        if (TRows.Count > 3) Store4(c + 3 * ldc, c30, c31, c32, c33, a3, w0, ldw, p, k);
    }

    /// <summary><c>c[j] = dot(a, w + j * ldw)</c> for <c>j &lt; 4</c> (one activation row: batch-1 decode).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot1x4(float* a, float* w, int ldw, int k, float* c)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            for (int j = 0; j < 4; j++) c[j] = Dot(a, w + j * ldw, k);
            return;
        }
        float* w0 = w, w1 = w + ldw, w2 = w + 2 * ldw, w3 = w + 3 * ldw;
        // Two accumulator sets hide the FMA latency on this single-row chain.
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default;
        Vector512<float> d0 = default, d1 = default, d2 = default, d3 = default;
        int p = 0;
        for (; p <= k - 32; p += 32)
        {
            var x = Vector512.Load(a + p);
            var y = Vector512.Load(a + p + 16);
            c0 = Vector512.FusedMultiplyAdd(x, Vector512.Load(w0 + p), c0);
            c1 = Vector512.FusedMultiplyAdd(x, Vector512.Load(w1 + p), c1);
            c2 = Vector512.FusedMultiplyAdd(x, Vector512.Load(w2 + p), c2);
            c3 = Vector512.FusedMultiplyAdd(x, Vector512.Load(w3 + p), c3);
            d0 = Vector512.FusedMultiplyAdd(y, Vector512.Load(w0 + p + 16), d0);
            d1 = Vector512.FusedMultiplyAdd(y, Vector512.Load(w1 + p + 16), d1);
            d2 = Vector512.FusedMultiplyAdd(y, Vector512.Load(w2 + p + 16), d2);
            d3 = Vector512.FusedMultiplyAdd(y, Vector512.Load(w3 + p + 16), d3);
        }
        for (; p <= k - 16; p += 16)
        {
            var x = Vector512.Load(a + p);
            c0 = Vector512.FusedMultiplyAdd(x, Vector512.Load(w0 + p), c0);
            c1 = Vector512.FusedMultiplyAdd(x, Vector512.Load(w1 + p), c1);
            c2 = Vector512.FusedMultiplyAdd(x, Vector512.Load(w2 + p), c2);
            c3 = Vector512.FusedMultiplyAdd(x, Vector512.Load(w3 + p), c3);
        }
        Store4(c, c0 + d0, c1 + d1, c2 + d2, c3 + d3, a, w0, ldw, p, k);
    }

    /// <summary>A plain vectorised dot product (remainder rows and columns).</summary>
    public static float Dot(float* a, float* b, int k) =>
        TensorPrimitives.Dot(new ReadOnlySpan<float>(a, k), new ReadOnlySpan<float>(b, k));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store4(float* c, Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3,
        float* a, float* w, int ldw, int from, int k)
    {
        float t0 = Vector512.Sum(s0), t1 = Vector512.Sum(s1), t2 = Vector512.Sum(s2), t3 = Vector512.Sum(s3);
        for (int p = from; p < k; p++)
        {
            float x = a[p];
            t0 += x * w[p];
            t1 += x * w[ldw + p];
            t2 += x * w[2 * ldw + p];
            t3 += x * w[3 * ldw + p];
        }
        c[0] = t0;
        c[1] = t1;
        c[2] = t2;
        c[3] = t3;
    }
}

/// <summary>A micro-kernel's activation-row count, as a type so the JIT specialises the kernel per count.</summary>
internal interface IRowCount
{
    static abstract int Count { get; }
}

internal readonly struct Two : IRowCount
{
    public static int Count => 2;
}

internal readonly struct Three : IRowCount
{
    public static int Count => 3;
}

internal readonly struct Four : IRowCount
{
    public static int Count => 4;
}
