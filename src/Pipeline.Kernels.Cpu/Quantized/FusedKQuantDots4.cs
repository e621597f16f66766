using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>
/// <see cref="FusedKQuantDots"/> for four activation rows at once (batched decode, prefill): each Q4_K / Q6_K block is
/// widened in registers once, with its scales, and dotted with all four rows, so neither the unpack buffer nor a second
/// pass over the weights is needed. Same sums as the one-row kernels, row by row.
/// </summary>
internal static unsafe class FusedKQuantDots4
{
    /// <summary><c>c[r] = dot(row, x[first + r])</c> for <c>r &lt; 4</c>.</summary>
    public static void Dot4(WeightFormat format, byte* row, QuantizedActivations x, int first, int k, float* c)
    {
        if (format == WeightFormat.Q4_K) Q4K(row, x, first, k, c);
        else Q6K(row, x, first, k, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Q4K(byte* row, QuantizedActivations x, int first, int k, float* c)
    {
        sbyte* x0 = x.Values(first), x1 = x.Values(first + 1), x2 = x.Values(first + 2), x3 = x.Values(first + 3);
        int* i0 = x.IntSums16(first), i1 = x.IntSums16(first + 1), i2 = x.IntSums16(first + 2), i3 = x.IntSums16(first + 3);
        float* s0 = x.Scales4(first), s1 = x.Scales4(first + 1), s2 = x.Scales4(first + 2), s3 = x.Scales4(first + 3);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (int b = 0; b < k / 256; b++)
        {
            byte* block = row + b * 144;
            var scales = new Q4KBlockScales(block);
            Vector512<int> q0 = default, q1 = default, q2 = default, q3 = default;
            for (int g = 0; g < 4; g++)
            {
                var w = KQuantGroups.Q4K(block, g);
                var scale16 = scales.Group(g);
                int offset = b * 256 + g * 64;
                q0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(x0 + offset)), scale16);
                q1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(x1 + offset)), scale16);
                q2 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(x2 + offset)), scale16);
                q3 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(x3 + offset)), scale16);
            }
            float d = F16(block), dmin = F16(block + 2);
            var mins = scales.MinsPerSixteen();
            a0 = Block(q0, mins, i0 + b * 16, d, dmin, s0[b * 64], a0);
            a1 = Block(q1, mins, i1 + b * 16, d, dmin, s1[b * 64], a1);
            a2 = Block(q2, mins, i2 + b * 16, d, dmin, s2[b * 64], a2);
            a3 = Block(q3, mins, i3 + b * 16, d, dmin, s3[b * 64], a3);
        }
        Store(c, a0, a1, a2, a3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store(float* c, Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3)
    {
        c[0] = Vector512.Sum(a0);
        c[1] = Vector512.Sum(a1);
        c[2] = Vector512.Sum(a2);
        c[3] = Vector512.Sum(a3);
    }

    /// <summary>One block's share of a row: its scaled sums less its mins (or offsets) against the row's 16-value sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Block(Vector512<int> sums, Vector512<int> mins, int* xSums16, float d, float dmin, float xScale, Vector512<float> acc)
    {
        acc = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(sums), Vector512.Create(d * xScale), acc);
        return Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(mins * Vector512.Load(xSums16)), Vector512.Create(-dmin * xScale), acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Q6K(byte* row, QuantizedActivations x, int first, int k, float* c)
    {
        sbyte* x0 = x.Values(first), x1 = x.Values(first + 1), x2 = x.Values(first + 2), x3 = x.Values(first + 3);
        int* i0 = x.IntSums16(first), i1 = x.IntSums16(first + 1), i2 = x.IntSums16(first + 2), i3 = x.IntSums16(first + 3);
        float* s0 = x.Scales4(first), s1 = x.Scales4(first + 1), s2 = x.Scales4(first + 2), s3 = x.Scales4(first + 3);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (int b = 0; b < k / 256; b++)
        {
            byte* block = row + b * 210;
            var scales16 = KQuantGroups.Q6KScales(block);
            Vector512<int> q0 = default, q1 = default, q2 = default, q3 = default;
            for (int group = 0; group < 4; group++)
            {
                var w = KQuantGroups.Q6K(block, group);
                var scales = Avx512BW.PermuteVar32x16(scales16, KQuantGroups.Q6KScaleLanes(group));
                int offset = b * 256 + group * 64;
                q0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(x0 + offset)), scales);
                q1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(x1 + offset)), scales);
                q2 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(x2 + offset)), scales);
                q3 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(x3 + offset)), scales);
            }
            float d = F16(block + 208);
            var offsets = KQuantGroups.Q6KOffsets(block);
            a0 = Block(q0, offsets, i0 + b * 16, d, d, s0[b * 64], a0);
            a1 = Block(q1, offsets, i1 + b * 16, d, d, s1[b * 64], a1);
            a2 = Block(q2, offsets, i2 + b * 16, d, d, s2[b * 64], a2);
            a3 = Block(q3, offsets, i3 + b * 16, d, d, s3[b * 64], a3);
        }
        Store(c, a0, a1, a2, a3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float F16(byte* p) => WeightRowUnpacker.F16(p);
}
