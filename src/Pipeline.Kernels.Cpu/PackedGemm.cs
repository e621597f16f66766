using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Kernels.Cpu;

/// <summary>
/// Prefill GEMM as an outer product: the activations are packed once per call into panels of 32 token rows,
/// K-major (<c>panel[p][t]</c>), so each K step loads 2 vectors of 16 tokens and broadcasts one weight from
/// each of 12 weight rows: 24 accumulators, 24 FMAs per 14 loads and no horizontal sums. Packing the
/// activations (M x K) is cheap next to the product; the weights stay in place (K-contiguous rows), and a group
/// of 12 weight rows stays in L1/L2 while every token panel passes over it.
/// </summary>
internal static unsafe class PackedGemm
{
    public const int Tokens = 32;
    public const int WeightRows = 12;

    /// <summary>Packs <paramref name="m"/> rows of <c>a[m, k]</c> into <c>ceil(m / 32)</c> zero-padded K-major panels.</summary>
    public static void PackActivations(float* a, int m, int k, float* packed)
    {
        int panels = (m + Tokens - 1) / Tokens;
        for (int panel = 0; panel < panels; panel++)
        {
            float* dst = packed + (long)panel * k * Tokens;
            int rows = Math.Min(Tokens, m - panel * Tokens);
            if (rows < Tokens) new Span<float>(dst, k * Tokens).Clear();
            float* src = a + (long)panel * Tokens * k;
            // Eight K positions of every token row per pass: 32 sequential read streams, sequential writes.
            int p0 = 0;
            for (; p0 <= k - 8; p0 += 8)
                for (int t = 0; t < rows; t++)
                {
                    float* s = src + (long)t * k + p0;
                    float* d = dst + p0 * Tokens + t;
                    d[0] = s[0]; d[Tokens] = s[1]; d[2 * Tokens] = s[2]; d[3 * Tokens] = s[3];
                    d[4 * Tokens] = s[4]; d[5 * Tokens] = s[5]; d[6 * Tokens] = s[6]; d[7 * Tokens] = s[7];
                }
            for (; p0 < k; p0++)
                for (int t = 0; t < rows; t++) dst[p0 * Tokens + t] = src[(long)t * k + p0];
        }
    }

    /// <summary>Columns <c>[n0, n0 + count)</c> of the output from f32 weight rows <paramref name="w"/> (row stride <paramref name="k"/>).</summary>
    public static void Columns(float* packed, int m, int k, float* w, int count, float* c, int ldc)
    {
        int panels = (m + Tokens - 1) / Tokens;
        int full = count - count % WeightRows;
        float* tile = stackalloc float[WeightRows * Tokens];
        for (int j = 0; j < full; j += WeightRows)
            for (int panel = 0; panel < panels; panel++)
            {
                Kernel12(packed + (long)panel * k * Tokens, w + (long)j * k, k, tile);
                // Transpose on the way out: lane t of column j's accumulators is output row t.
                float* cp = c + (long)panel * Tokens * ldc + j;
                int tokens = Math.Min(Tokens, m - panel * Tokens);
                for (int t = 0; t < tokens; t++)
                    for (int r = 0; r < WeightRows; r++)
                        cp[(long)t * ldc + r] = tile[r * Tokens + t];
            }
        for (int j = full; j < count; j++)
            for (int panel = 0; panel < panels; panel++)
                Kernel1(packed + (long)panel * k * Tokens, w + (long)j * k, k, c + (long)panel * Tokens * ldc + j, ldc, Math.Min(Tokens, m - panel * Tokens));
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

    private static void Kernel1(float* ap, float* w, int k, float* c, int ldc, int tokens)
    {
        Vector512<float> ca = default, cb = default;
        for (int p = 0; p < k; p++)
        {
            var b = Vector512.Create(w[p]);
            ca = Vector512.FusedMultiplyAdd(Vector512.Load(ap + p * Tokens), b, ca);
            cb = Vector512.FusedMultiplyAdd(Vector512.Load(ap + p * Tokens + 16), b, cb);
        }
        float* tile = stackalloc float[Tokens];
        Vector512.Store(ca, tile);
        Vector512.Store(cb, tile + 16);
        for (int t = 0; t < tokens; t++) c[(long)t * ldc] = tile[t];
    }
}
