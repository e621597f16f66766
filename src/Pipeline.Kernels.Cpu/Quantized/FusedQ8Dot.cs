using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>
/// Decode and prefill over Q8_0 without the unpack buffer: the row's int8 values and its scale per 32 are read where
/// the matrix keeps them, two blocks per AVX-512BW <c>vpmaddubsw</c> + <c>vpmaddwd</c> (the weight's sign moved onto
/// the activation, as <see cref="IntDotKernels512"/> does), and each block's i32 sums scaled once by the weight's and the
/// activation's block scales, as ggml's <c>vec_dot_q8_0_q8_0</c>. Unpacking instead copied the row and wrote a float
/// scale per 4 values, more bytes than the weights themselves.
/// </summary>
internal static unsafe class FusedQ8Dot
{
    public static bool Handles(WeightFormat format) => Avx512BW.IsSupported && format == WeightFormat.Q8_0;

    /// <summary><c>dot(row, x)</c>: <paramref name="wScales32"/> is the row's scale per 32 values, <paramref name="xScales4"/> the activation's per 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Dot(sbyte* w, float* wScales32, sbyte* x, float* xScales4, int k)
    {
        var acc = Vector512<float>.Zero;
        int b = 0, blocks = k / 32;
        for (; b <= blocks - 2; b += 2)
        {
            var wv = Vector512.Load(w + b * 32);
            var negative = Vector512.LessThan(wv, Vector512<sbyte>.Zero);
            var xv = Vector512.Load(x + b * 32);
            var lanes = Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Abs(wv).AsByte(), Vector512.ConditionalSelect(negative, -xv, xv)), Vector512<short>.One);
            // Lanes 0-7 hold block b's sums, 8-15 block b + 1's: the activation's per-4 scales line up with them.
            var scale = VectorHalves.Join(Vector256.Create(wScales32[b]), Vector256.Create(wScales32[b + 1])) * Vector512.Load(xScales4 + b * 8);
            acc = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(lanes), scale, acc);
        }
        float sum = Vector512.Sum(acc);
        for (; b < blocks; b++)
        {
            sum += BlockSum(w + b * 32, x + b * 32) * (wScales32[b] * xScales4[b * 8]);
        }
        return sum;
    }

    /// <summary><c>c[r] = dot(row, x[r])</c> for four activation rows: each weight block is loaded and its sign split once for all four.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot4(sbyte* w, float* wScales32, QuantizedActivations x, int row, int k, float* c)
    {
        sbyte* x0 = x.Values(row), x1 = x.Values(row + 1), x2 = x.Values(row + 2), x3 = x.Values(row + 3);
        float* s0 = x.Scales4(row), s1 = x.Scales4(row + 1), s2 = x.Scales4(row + 2), s3 = x.Scales4(row + 3);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        int b = 0, blocks = k / 32;
        for (; b <= blocks - 2; b += 2)
        {
            var wv = Vector512.Load(w + b * 32);
            var negative = Vector512.LessThan(wv, Vector512<sbyte>.Zero);
            var magnitude = Vector512.Abs(wv).AsByte();
            // The two blocks' weight scales, one per i32 lane; an activation row's per-4 scales already have that layout.
            var weightScales = VectorHalves.Join(Vector256.Create(wScales32[b]), Vector256.Create(wScales32[b + 1]));
            a0 = Step(magnitude, negative, x0 + b * 32, weightScales * Vector512.Load(s0 + b * 8), a0);
            a1 = Step(magnitude, negative, x1 + b * 32, weightScales * Vector512.Load(s1 + b * 8), a1);
            a2 = Step(magnitude, negative, x2 + b * 32, weightScales * Vector512.Load(s2 + b * 8), a2);
            a3 = Step(magnitude, negative, x3 + b * 32, weightScales * Vector512.Load(s3 + b * 8), a3);
        }
        StoreSums(a0, a1, a2, a3, c);
        AddOddBlock(w, wScales32, 1, x, row, 4, k, b, c);
    }

    /// <summary>
    /// Two consecutive weight rows against four activation rows (batched decode, prefill): each weight block's magnitude,
    /// sign and scales made once for the four activation rows, and each activation block loaded and negated once for the
    /// two weight rows, eight chains. <c>c[q * 4 + r] = dot(weight row q, x[row + r])</c>. About 1.1x the one-weight-row
    /// kernel at batch 16 (benchmarks/README.md); two rows, not four, keep the accumulators and shared vectors in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot2x4(sbyte* w, float* wScales32, QuantizedActivations x, int row, int k, float* c)
    {
        int blocks = k / 32;
        sbyte* wb = w + k;
        float* tb = wScales32 + blocks;
        // One base and a stride per buffer rather than eight row pointers, which the JIT kept on the stack and reloaded
        // every pass (the same fix as FusedKQuantDots8's).
        sbyte* x0 = x.Values(row);
        float* s0 = x.Scales4(row);
        nint xStride = k, sStride = k / 4;
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, b0 = default, b1 = default, b2 = default, b3 = default;
        int b = 0;
        for (; b <= blocks - 2; b += 2)
        {
            var wva = Vector512.Load(w + b * 32);
            var wvb = Vector512.Load(wb + b * 32);
            var na = Vector512.LessThan(wva, Vector512<sbyte>.Zero);
            var nb = Vector512.LessThan(wvb, Vector512<sbyte>.Zero);
            var ma = Vector512.Abs(wva).AsByte();
            var mb = Vector512.Abs(wvb).AsByte();
            var sa = VectorHalves.Join(Vector256.Create(wScales32[b]), Vector256.Create(wScales32[b + 1]));
            var sb = VectorHalves.Join(Vector256.Create(tb[b]), Vector256.Create(tb[b + 1]));
            sbyte* xp = x0 + b * 32;
            float* sp = s0 + b * 8;
            PairStep(xp, sp, ma, na, sa, mb, nb, sb, ref a0, ref b0);
            PairStep(xp + xStride, sp + sStride, ma, na, sa, mb, nb, sb, ref a1, ref b1);
            PairStep(xp + 2 * xStride, sp + 2 * sStride, ma, na, sa, mb, nb, sb, ref a2, ref b2);
            PairStep(xp + 3 * xStride, sp + 3 * sStride, ma, na, sa, mb, nb, sb, ref a3, ref b3);
        }
        StoreSums(a0, a1, a2, a3, c);
        StoreSums(b0, b1, b2, b3, c + 4);
        AddOddBlock(w, wScales32, 2, x, row, 4, k, b, c);
    }

    /// <summary>
    /// <see cref="Dot2x4"/> for eight activation rows (batches of eight or more, prefill): each weight block's magnitude,
    /// sign and scales made once for eight rows instead of four. <c>c[q * 8 + r] = dot(weight row q, x[row + r])</c>;
    /// the same sums as <see cref="Dot2x4"/>, row by row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot2x8(sbyte* w, float* wScales32, QuantizedActivations x, int row, int k, float* c)
    {
        int blocks = k / 32;
        sbyte* wb = w + k;
        float* tb = wScales32 + blocks;
        sbyte* x0 = x.Values(row);
        float* s0 = x.Scales4(row);
        nint xStride = k, sStride = k / 4;
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        Vector512<float> b0 = default, b1 = default, b2 = default, b3 = default, b4 = default, b5 = default, b6 = default, b7 = default;
        int b = 0;
        for (; b <= blocks - 2; b += 2)
        {
            var wva = Vector512.Load(w + b * 32);
            var wvb = Vector512.Load(wb + b * 32);
            var na = Vector512.LessThan(wva, Vector512<sbyte>.Zero);
            var nb = Vector512.LessThan(wvb, Vector512<sbyte>.Zero);
            var ma = Vector512.Abs(wva).AsByte();
            var mb = Vector512.Abs(wvb).AsByte();
            var sa = VectorHalves.Join(Vector256.Create(wScales32[b]), Vector256.Create(wScales32[b + 1]));
            var sb = VectorHalves.Join(Vector256.Create(tb[b]), Vector256.Create(tb[b + 1]));
            sbyte* xp = x0 + b * 32, xp4 = xp + 4 * xStride;
            float* sp = s0 + b * 8, sp4 = sp + 4 * sStride;
            PairStep(xp, sp, ma, na, sa, mb, nb, sb, ref a0, ref b0);
            PairStep(xp + xStride, sp + sStride, ma, na, sa, mb, nb, sb, ref a1, ref b1);
            PairStep(xp + 2 * xStride, sp + 2 * sStride, ma, na, sa, mb, nb, sb, ref a2, ref b2);
            PairStep(xp + 3 * xStride, sp + 3 * sStride, ma, na, sa, mb, nb, sb, ref a3, ref b3);
            PairStep(xp4, sp4, ma, na, sa, mb, nb, sb, ref a4, ref b4);
            PairStep(xp4 + xStride, sp4 + sStride, ma, na, sa, mb, nb, sb, ref a5, ref b5);
            PairStep(xp4 + 2 * xStride, sp4 + 2 * sStride, ma, na, sa, mb, nb, sb, ref a6, ref b6);
            PairStep(xp4 + 3 * xStride, sp4 + 3 * sStride, ma, na, sa, mb, nb, sb, ref a7, ref b7);
        }
        StoreSums(a0, a1, a2, a3, c);
        StoreSums(a4, a5, a6, a7, c + 4);
        StoreSums(b0, b1, b2, b3, c + 8);
        StoreSums(b4, b5, b6, b7, c + 12);
        AddOddBlock(w, wScales32, 2, x, row, 8, k, b, c);
    }

    /// <summary>
    /// The last block of rows with an odd block count (the loops above take blocks in pairs; <paramref name="b"/> is where
    /// they stopped): each of <paramref name="weightRows"/> consecutive weight rows' against each of
    /// <paramref name="activationRows"/> activation rows', added to <c>c[q * activationRows + r]</c>.
    /// </summary>
    private static void AddOddBlock(sbyte* w, float* wScales32, int weightRows, QuantizedActivations x, int row, int activationRows, int k, int b, float* c)
    {
        int blocks = k / 32;
        if (b >= blocks) return;
        for (int q = 0; q < weightRows; q++)
        {
            for (int r = 0; r < activationRows; r++)
            {
                c[q * activationRows + r] += BlockSum(w + q * (long)k + b * 32, x.Values(row + r) + b * 32) * (wScales32[q * blocks + b] * x.Scales4(row + r)[b * 8]);
            }
        }
    }

    // One activation row's two blocks against two weight rows' (their magnitudes, signs and scales made by the caller).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PairStep(sbyte* x, float* xScales4, Vector512<byte> ma, Vector512<sbyte> na, Vector512<float> sa,
        Vector512<byte> mb, Vector512<sbyte> nb, Vector512<float> sb, ref Vector512<float> accA, ref Vector512<float> accB)
    {
        var xv = Vector512.Load(x);
        var xn = -xv;
        var xScale = Vector512.Load(xScales4);
        var la = Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(ma, Vector512.ConditionalSelect(na, xn, xv)), Vector512<short>.One);
        var lb = Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(mb, Vector512.ConditionalSelect(nb, xn, xv)), Vector512<short>.One);
        accA = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(la), sa * xScale, accA);
        accB = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(lb), sb * xScale, accB);
    }

    /// <summary>
    /// <c>c[r] = dot(row r, x)</c> for four consecutive weight rows against one activation row (decode): four independent
    /// chains, and each activation block and its scales loaded once for the four. A Llama row of 1,024 values is only 16
    /// passes of the loop, so a row per call spent as long on the call and the horizontal sum as on the dots.
    /// </summary>
    /// <param name="w">The first row's values; rows are <paramref name="k"/> apart.</param>
    /// <param name="wScales32">The first row's per-32 scales; rows are <c>k / 32</c> apart.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Gemv4(sbyte* w, float* wScales32, sbyte* x, float* xScales4, int k, float* c)
    {
        int blocks = k / 32;
        sbyte* w0 = w, w1 = w + k, w2 = w + 2L * k, w3 = w + 3L * k;
        float* t0 = wScales32, t1 = t0 + blocks, t2 = t1 + blocks, t3 = t2 + blocks;
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        // The next four rows' values and scales, requested while these four compute.
        var nextValues = new StreamPrefetch(w + 4L * k, 4L * k, blocks / 2);
        var nextScales = new StreamPrefetch(wScales32 + 4 * blocks, 16L * blocks, blocks / 2);
        int b = 0;
        for (; b <= blocks - 2; b += 2)
        {
            nextValues.Step(b / 2);
            nextScales.Step(b / 2);
            var xv = Vector512.Load(x + b * 32);
            var xNegated = -xv;
            var xScales = Vector512.Load(xScales4 + b * 8);
            a0 = RowStep(w0 + b * 32, xv, xNegated, VectorHalves.Join(Vector256.Create(t0[b]), Vector256.Create(t0[b + 1])) * xScales, a0);
            a1 = RowStep(w1 + b * 32, xv, xNegated, VectorHalves.Join(Vector256.Create(t1[b]), Vector256.Create(t1[b + 1])) * xScales, a1);
            a2 = RowStep(w2 + b * 32, xv, xNegated, VectorHalves.Join(Vector256.Create(t2[b]), Vector256.Create(t2[b + 1])) * xScales, a2);
            a3 = RowStep(w3 + b * 32, xv, xNegated, VectorHalves.Join(Vector256.Create(t3[b]), Vector256.Create(t3[b + 1])) * xScales, a3);
        }
        StoreSums(a0, a1, a2, a3, c);
        for (; b < blocks; b++)
        {
            for (int r = 0; r < 4; r++)
            {
                c[r] += BlockSum(w + r * (long)k + b * 32, x + b * 32) * (wScales32[r * blocks + b] * xScales4[b * 8]);
            }
        }
    }

    // The four chains' horizontal sums.
    private static void StoreSums(Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3, float* c)
    {
        c[0] = Vector512.Sum(a0);
        c[1] = Vector512.Sum(a1);
        c[2] = Vector512.Sum(a2);
        c[3] = Vector512.Sum(a3);
    }

    // A 32-value block's integer dot, for the odd block a row of an odd block count ends with.
    private static int BlockSum(sbyte* w, sbyte* x)
    {
        int sum = 0;
        for (int l = 0; l < 32; l++) sum += w[l] * x[l];
        return sum;
    }

    // One weight row's two blocks against the shared activation blocks (the weight's sign moved onto the activation).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> RowStep(sbyte* w, Vector512<sbyte> xv, Vector512<sbyte> xNegated, Vector512<float> scale, Vector512<float> acc)
    {
        var wv = Vector512.Load(w);
        var lanes = Avx512BW.MultiplyAddAdjacent(
            Avx512BW.MultiplyAddAdjacent(Vector512.Abs(wv).AsByte(), Vector512.ConditionalSelect(Vector512.LessThan(wv, Vector512<sbyte>.Zero), xNegated, xv)),
            Vector512<short>.One);
        return Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(lanes), scale, acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Step(Vector512<byte> magnitude, Vector512<sbyte> negative, sbyte* x, Vector512<float> scale, Vector512<float> acc)
    {
        var xv = Vector512.Load(x);
        var lanes = Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(magnitude, Vector512.ConditionalSelect(negative, -xv, xv)), Vector512<short>.One);
        return Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(lanes), scale, acc);
    }
}
