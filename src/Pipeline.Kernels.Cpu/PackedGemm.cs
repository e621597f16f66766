using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Kernels.Cpu;

/// <summary>
/// Prefill GEMM (and decode from 8 rows) as an outer product: the activations are packed once per call into panels of 32 (or 16) token rows,
/// K-major (<c>panel[p][t]</c>), so each K step loads 2 vectors of 16 tokens and broadcasts one weight from
/// each of 12 weight rows: 24 accumulators, 24 FMAs per 14 loads and no horizontal sums. Packing the
/// activations (M x K) is cheap next to the product; the weights stay in place (K-contiguous rows), and a group
/// of 12 weight rows stays in L1/L2 while every token panel passes over it.
/// </summary>
internal static unsafe class PackedGemm
{
    public const int Tokens = 32;
    public const int NarrowTokens = 16;
    public const int Avx2Tokens = 8;
    public const int WeightRows = 12;

    /// <summary>Whether this machine runs the packed kernels (AVX-512, or AVX2 with 8-token panels).</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated;

    /// <summary>
    /// Panel width for <paramref name="m"/> rows: with AVX-512 one vector of 16 when that holds them all (a decode
    /// batch), else two; with AVX2 one vector of 8.
    /// </summary>
    public static int PanelWidth(int m) => !Vector512.IsHardwareAccelerated ? Avx2Tokens : m <= NarrowTokens ? NarrowTokens : Tokens;

    /// <summary>Packs <paramref name="m"/> rows of <c>a[m, k]</c> into <c>ceil(m / width)</c> zero-padded K-major panels.</summary>
    public static void PackActivations(float* a, int m, int k, float* packed, int width)
    {
        int panels = (m + width - 1) / width;
        for (int panel = 0; panel < panels; panel++)
        {
            float* dst = packed + (long)panel * k * width;
            int rows = Math.Min(width, m - panel * width);
            if (rows < width) new Span<float>(dst, k * width).Clear();
            float* src = a + (long)panel * width * k;
            // Eight K positions of every token row per pass: 32 sequential read streams, sequential writes.
            int p0 = 0;
            for (; p0 <= k - 8; p0 += 8)
                for (int t = 0; t < rows; t++)
                {
                    float* s = src + (long)t * k + p0;
                    float* d = dst + p0 * width + t;
                    d[0] = s[0]; d[width] = s[1]; d[2 * width] = s[2]; d[3 * width] = s[3];
                    d[4 * width] = s[4]; d[5 * width] = s[5]; d[6 * width] = s[6]; d[7 * width] = s[7];
                }
            for (; p0 < k; p0++)
                for (int t = 0; t < rows; t++) dst[p0 * width + t] = src[(long)t * k + p0];
        }
    }

    /// <summary>Columns <c>[n0, n0 + count)</c> of the output from f32 weight rows <paramref name="w"/> (row stride <paramref name="k"/>).</summary>
    public static void Columns(float* packed, int m, int k, float* w, int count, float* c, int ldc, int width)
    {
        int panels = (m + width - 1) / width;
        int full = count - count % WeightRows;
        float* tile = stackalloc float[WeightRows * width];
        for (int j = 0; j < full; j += WeightRows)
            for (int panel = 0; panel < panels; panel++)
            {
                float* ap = packed + (long)panel * k * width;
                if (width == Avx2Tokens) Kernel12x8(ap, w + (long)j * k, k, tile);
                else if (width == NarrowTokens) Kernel12x16(ap, w + (long)j * k, k, tile);
                else Kernel12(ap, w + (long)j * k, k, tile);
                // Transpose on the way out: lane t of column j's accumulators is output row t.
                float* cp = c + (long)panel * width * ldc + j;
                int tokens = Math.Min(width, m - panel * width);
                for (int t = 0; t < tokens; t++)
                    for (int r = 0; r < WeightRows; r++)
                        cp[(long)t * ldc + r] = tile[r * width + t];
            }
        for (int j = full; j < count; j++)
            for (int panel = 0; panel < panels; panel++)
                Kernel1(packed + (long)panel * k * width, w + (long)j * k, k, c + (long)panel * width * ldc + j, ldc, Math.Min(width, m - panel * width), width);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel12(float* ap, float* w, int k, float* tile)
    {
        Vector512<float> c0a = default, c0b = default, c1a = default, c1b = default, c2a = default, c2b = default;
        Vector512<float> c3a = default, c3b = default, c4a = default, c4b = default, c5a = default, c5b = default;
        Vector512<float> c6a = default, c6b = default, c7a = default, c7b = default, c8a = default, c8b = default;
        Vector512<float> c9a = default, c9b = default, cAa = default, cAb = default, cBa = default, cBb = default;
        float* w0 = w, w1 = w + k, w2 = w + 2 * k, w3 = w + 3 * k, w4 = w + 4 * k, w5 = w + 5 * k;
        float* w6 = w + 6 * k, w7 = w + 7 * k, w8 = w + 8 * k, w9 = w + 9 * k, wA = w + 10 * k, wB = w + 11 * k;
        for (int p = 0; p < k; p++)
        {
            var a0 = Vector512.Load(ap + p * Tokens);
            var a1 = Vector512.Load(ap + p * Tokens + 16);
            var b = Vector512.Create(w0[p]); c0a = Vector512.FusedMultiplyAdd(a0, b, c0a); c0b = Vector512.FusedMultiplyAdd(a1, b, c0b);
            b = Vector512.Create(w1[p]); c1a = Vector512.FusedMultiplyAdd(a0, b, c1a); c1b = Vector512.FusedMultiplyAdd(a1, b, c1b);
            b = Vector512.Create(w2[p]); c2a = Vector512.FusedMultiplyAdd(a0, b, c2a); c2b = Vector512.FusedMultiplyAdd(a1, b, c2b);
            b = Vector512.Create(w3[p]); c3a = Vector512.FusedMultiplyAdd(a0, b, c3a); c3b = Vector512.FusedMultiplyAdd(a1, b, c3b);
            b = Vector512.Create(w4[p]); c4a = Vector512.FusedMultiplyAdd(a0, b, c4a); c4b = Vector512.FusedMultiplyAdd(a1, b, c4b);
            b = Vector512.Create(w5[p]); c5a = Vector512.FusedMultiplyAdd(a0, b, c5a); c5b = Vector512.FusedMultiplyAdd(a1, b, c5b);
            b = Vector512.Create(w6[p]); c6a = Vector512.FusedMultiplyAdd(a0, b, c6a); c6b = Vector512.FusedMultiplyAdd(a1, b, c6b);
            b = Vector512.Create(w7[p]); c7a = Vector512.FusedMultiplyAdd(a0, b, c7a); c7b = Vector512.FusedMultiplyAdd(a1, b, c7b);
            b = Vector512.Create(w8[p]); c8a = Vector512.FusedMultiplyAdd(a0, b, c8a); c8b = Vector512.FusedMultiplyAdd(a1, b, c8b);
            b = Vector512.Create(w9[p]); c9a = Vector512.FusedMultiplyAdd(a0, b, c9a); c9b = Vector512.FusedMultiplyAdd(a1, b, c9b);
            b = Vector512.Create(wA[p]); cAa = Vector512.FusedMultiplyAdd(a0, b, cAa); cAb = Vector512.FusedMultiplyAdd(a1, b, cAb);
            b = Vector512.Create(wB[p]); cBa = Vector512.FusedMultiplyAdd(a0, b, cBa); cBb = Vector512.FusedMultiplyAdd(a1, b, cBb);
        }
        Vector512.Store(c0a, tile + 0 * Tokens); Vector512.Store(c0b, tile + 0 * Tokens + 16);
        Vector512.Store(c1a, tile + 1 * Tokens); Vector512.Store(c1b, tile + 1 * Tokens + 16);
        Vector512.Store(c2a, tile + 2 * Tokens); Vector512.Store(c2b, tile + 2 * Tokens + 16);
        Vector512.Store(c3a, tile + 3 * Tokens); Vector512.Store(c3b, tile + 3 * Tokens + 16);
        Vector512.Store(c4a, tile + 4 * Tokens); Vector512.Store(c4b, tile + 4 * Tokens + 16);
        Vector512.Store(c5a, tile + 5 * Tokens); Vector512.Store(c5b, tile + 5 * Tokens + 16);
        Vector512.Store(c6a, tile + 6 * Tokens); Vector512.Store(c6b, tile + 6 * Tokens + 16);
        Vector512.Store(c7a, tile + 7 * Tokens); Vector512.Store(c7b, tile + 7 * Tokens + 16);
        Vector512.Store(c8a, tile + 8 * Tokens); Vector512.Store(c8b, tile + 8 * Tokens + 16);
        Vector512.Store(c9a, tile + 9 * Tokens); Vector512.Store(c9b, tile + 9 * Tokens + 16);
        Vector512.Store(cAa, tile + 10 * Tokens); Vector512.Store(cAb, tile + 10 * Tokens + 16);
        Vector512.Store(cBa, tile + 11 * Tokens); Vector512.Store(cBb, tile + 11 * Tokens + 16);
    }

    /// <summary>One vector of 16 tokens against 12 weight rows: 12 FMAs per 13 loads (decode batches of 8 to 16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel12x16(float* ap, float* w, int k, float* tile)
    {
        Vector512<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        Vector512<float> c6 = default, c7 = default, c8 = default, c9 = default, cA = default, cB = default;
        float* w0 = w, w1 = w + k, w2 = w + 2 * k, w3 = w + 3 * k, w4 = w + 4 * k, w5 = w + 5 * k;
        float* w6 = w + 6 * k, w7 = w + 7 * k, w8 = w + 8 * k, w9 = w + 9 * k, wA = w + 10 * k, wB = w + 11 * k;
        for (int p = 0; p < k; p++)
        {
            var a = Vector512.Load(ap + p * NarrowTokens);
            c0 = Vector512.FusedMultiplyAdd(a, Vector512.Create(w0[p]), c0);
            c1 = Vector512.FusedMultiplyAdd(a, Vector512.Create(w1[p]), c1);
            c2 = Vector512.FusedMultiplyAdd(a, Vector512.Create(w2[p]), c2);
            c3 = Vector512.FusedMultiplyAdd(a, Vector512.Create(w3[p]), c3);
            c4 = Vector512.FusedMultiplyAdd(a, Vector512.Create(w4[p]), c4);
            c5 = Vector512.FusedMultiplyAdd(a, Vector512.Create(w5[p]), c5);
            c6 = Vector512.FusedMultiplyAdd(a, Vector512.Create(w6[p]), c6);
            c7 = Vector512.FusedMultiplyAdd(a, Vector512.Create(w7[p]), c7);
            c8 = Vector512.FusedMultiplyAdd(a, Vector512.Create(w8[p]), c8);
            c9 = Vector512.FusedMultiplyAdd(a, Vector512.Create(w9[p]), c9);
            cA = Vector512.FusedMultiplyAdd(a, Vector512.Create(wA[p]), cA);
            cB = Vector512.FusedMultiplyAdd(a, Vector512.Create(wB[p]), cB);
        }
        Vector512.Store(c0, tile + 0 * NarrowTokens); Vector512.Store(c1, tile + 1 * NarrowTokens);
        Vector512.Store(c2, tile + 2 * NarrowTokens); Vector512.Store(c3, tile + 3 * NarrowTokens);
        Vector512.Store(c4, tile + 4 * NarrowTokens); Vector512.Store(c5, tile + 5 * NarrowTokens);
        Vector512.Store(c6, tile + 6 * NarrowTokens); Vector512.Store(c7, tile + 7 * NarrowTokens);
        Vector512.Store(c8, tile + 8 * NarrowTokens); Vector512.Store(c9, tile + 9 * NarrowTokens);
        Vector512.Store(cA, tile + 10 * NarrowTokens); Vector512.Store(cB, tile + 11 * NarrowTokens);
    }

    /// <summary>AVX2: one vector of 8 tokens against 12 weight rows (12 of the 16 ymm registers accumulate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel12x8(float* ap, float* w, int k, float* tile)
    {
        Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        Vector256<float> c6 = default, c7 = default, c8 = default, c9 = default, cA = default, cB = default;
        for (int p = 0; p < k; p++)
        {
            var a = Vector256.Load(ap + p * Avx2Tokens);
            float* wp = w + p;
            c0 = Vector256.FusedMultiplyAdd(a, Vector256.Create(wp[0]), c0);
            c1 = Vector256.FusedMultiplyAdd(a, Vector256.Create(wp[k]), c1);
            c2 = Vector256.FusedMultiplyAdd(a, Vector256.Create(wp[2 * k]), c2);
            c3 = Vector256.FusedMultiplyAdd(a, Vector256.Create(wp[3 * k]), c3);
            c4 = Vector256.FusedMultiplyAdd(a, Vector256.Create(wp[4 * k]), c4);
            c5 = Vector256.FusedMultiplyAdd(a, Vector256.Create(wp[5 * k]), c5);
            c6 = Vector256.FusedMultiplyAdd(a, Vector256.Create(wp[6 * k]), c6);
            c7 = Vector256.FusedMultiplyAdd(a, Vector256.Create(wp[7 * k]), c7);
            c8 = Vector256.FusedMultiplyAdd(a, Vector256.Create(wp[8 * k]), c8);
            c9 = Vector256.FusedMultiplyAdd(a, Vector256.Create(wp[9 * k]), c9);
            cA = Vector256.FusedMultiplyAdd(a, Vector256.Create(wp[10 * k]), cA);
            cB = Vector256.FusedMultiplyAdd(a, Vector256.Create(wp[11 * k]), cB);
        }
        Vector256.Store(c0, tile + 0 * Avx2Tokens); Vector256.Store(c1, tile + 1 * Avx2Tokens);
        Vector256.Store(c2, tile + 2 * Avx2Tokens); Vector256.Store(c3, tile + 3 * Avx2Tokens);
        Vector256.Store(c4, tile + 4 * Avx2Tokens); Vector256.Store(c5, tile + 5 * Avx2Tokens);
        Vector256.Store(c6, tile + 6 * Avx2Tokens); Vector256.Store(c7, tile + 7 * Avx2Tokens);
        Vector256.Store(c8, tile + 8 * Avx2Tokens); Vector256.Store(c9, tile + 9 * Avx2Tokens);
        Vector256.Store(cA, tile + 10 * Avx2Tokens); Vector256.Store(cB, tile + 11 * Avx2Tokens);
    }

    private static void Kernel1(float* ap, float* w, int k, float* c, int ldc, int tokens, int width)
    {
        if (width == Avx2Tokens)
        {
            Vector256<float> acc = default;
            for (int p = 0; p < k; p++) acc = Vector256.FusedMultiplyAdd(Vector256.Load(ap + p * Avx2Tokens), Vector256.Create(w[p]), acc);
            for (int t = 0; t < tokens; t++) c[(long)t * ldc] = acc.GetElement(t);
            return;
        }
        Vector512<float> ca = default, cb = default;
        for (int p = 0; p < k; p++)
        {
            var b = Vector512.Create(w[p]);
            ca = Vector512.FusedMultiplyAdd(Vector512.Load(ap + p * width), b, ca);
            if (width == Tokens) cb = Vector512.FusedMultiplyAdd(Vector512.Load(ap + p * width + 16), b, cb);
        }
        float* tile = stackalloc float[Tokens];
        Vector512.Store(ca, tile);
        Vector512.Store(cb, tile + 16);
        for (int t = 0; t < tokens; t++) c[(long)t * ldc] = tile[t];
    }
}
