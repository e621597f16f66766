using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>
/// <see cref="FusedKQuantDots4"/> for eight activation rows at once (batched decode of eight or more, prefill), over Q4_K
/// and Q6_K: each 64-value group is widened and its sub-block scales built once for eight rows instead of four, which
/// halves the widening's share of the loop. Same sums as the four-row kernel, row by row (the same operations in the
/// same order).
/// </summary>
internal static unsafe class FusedKQuantDots8
{
    public static bool Handles(WeightFormat format) => Avx512BW.IsSupported && format is WeightFormat.Q4_K or WeightFormat.Q6_K;

    /// <summary><c>c[r] = dot(row, x[first + r])</c> for <c>r &lt; 8</c>.</summary>
    public static void Dot8(WeightFormat format, byte* row, QuantizedActivations x, int first, int k, float* c)
    {
        if (format == WeightFormat.Q4_K) Dot8<Q4KBlock>(row, x, first, k, c);
        else Dot8<Q6KBlock>(row, x, first, k, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot8<TBlock>(byte* row, QuantizedActivations x, int first, int k, float* c)
        where TBlock : struct, IKQuantBlock<TBlock>
    {
        // One base and the row stride rather than eight row pointers, which the JIT kept on the stack and reloaded for
        // every group; row r is r strides on, each load one addressing mode.
        sbyte* x0 = x.Values(first);
        nint stride = k;
        // Rows are consecutive in the quantised buffers: row first + r's sums and scales sit r strides after row first's.
        int* sums = x.IntSums16(first);
        float* xScales = x.Scales4(first);
        int sumStride = k / 16, scaleStride = k / 4;
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int b = 0; b < k / 256; b++)
        {
            var block = TBlock.Open(row + b * TBlock.Bytes);
            Vector512<int> q0 = default, q1 = default, q2 = default, q3 = default, q4 = default, q5 = default, q6 = default, q7 = default;
            for (int g = 0; g < 4; g++)
            {
                var w = block.Values(g);
                var scale16 = block.Scales(g);
                sbyte* p = x0 + b * 256 + g * 64, p3 = p + 3 * stride;
                q0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(p)), scale16);
                q1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(p + stride)), scale16);
                q2 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(p + 2 * stride)), scale16);
                q3 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(p3)), scale16);
                q4 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(p + 4 * stride)), scale16);
                q5 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(p3 + 2 * stride)), scale16);
                q6 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(p3 + 3 * stride)), scale16);
                q7 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(p3 + 4 * stride)), scale16);
            }
            var d = Vector512.Create(block.D);
            var negativeDMin = Vector512.Create(-block.DMin);
            var mins = FusedKQuantDots4.LowHalves(block.Mins());
            float* s = xScales + b * 64, s4 = s + 4 * scaleStride;
            int* m = sums + b * 16, m4 = m + 4 * sumStride;
            a0 = FusedKQuantDots4.BatchBlock(q0, mins, d, negativeDMin, s, m, a0);
            a1 = FusedKQuantDots4.BatchBlock(q1, mins, d, negativeDMin, s + scaleStride, m + sumStride, a1);
            a2 = FusedKQuantDots4.BatchBlock(q2, mins, d, negativeDMin, s + 2 * scaleStride, m + 2 * sumStride, a2);
            a3 = FusedKQuantDots4.BatchBlock(q3, mins, d, negativeDMin, s + 3 * scaleStride, m + 3 * sumStride, a3);
            a4 = FusedKQuantDots4.BatchBlock(q4, mins, d, negativeDMin, s4, m4, a4);
            a5 = FusedKQuantDots4.BatchBlock(q5, mins, d, negativeDMin, s4 + scaleStride, m4 + sumStride, a5);
            a6 = FusedKQuantDots4.BatchBlock(q6, mins, d, negativeDMin, s4 + 2 * scaleStride, m4 + 2 * sumStride, a6);
            a7 = FusedKQuantDots4.BatchBlock(q7, mins, d, negativeDMin, s4 + 3 * scaleStride, m4 + 3 * sumStride, a7);
        }
        FusedKQuantDots4.Store(c, a0, a1, a2, a3);
        FusedKQuantDots4.Store(c + 4, a4, a5, a6, a7);
    }
}
