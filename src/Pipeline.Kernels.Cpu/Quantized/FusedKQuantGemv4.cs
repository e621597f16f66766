using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>
/// Decode (one to three activation rows) over Q4_K and Q6_K: four consecutive weight rows against one activation row per
/// pass, each block widened in registers as in <see cref="FusedKQuantDots"/>. A Llama model's rows are short
/// (hidden 1,024 is four super-blocks), so one row per call spent as long on the call, the scale set-up and the two
/// horizontal sums as on the dots, and each row's sums were one dependent chain; four rows give the core four
/// independent chains and share each activation load: 1.2-1.3x the one-row kernel on Q4_K's 2816x1024 and 1024x2816
/// products (scratch harness, alternating). Q6_K measured 0.86-0.88x here on the 32000x1024 LM head while the widening
/// went through stack temporaries; with one lane insert per join (<see cref="VectorHalves"/>) and the block format a type
/// parameter (<see cref="IKQuantBlock{TSelf}"/>) it is 1.4-1.8x the one-row kernel (session 16). Sums as
/// <see cref="FusedKQuantDots4"/>'s, row by row.
/// </summary>
internal static unsafe class FusedKQuantGemv4
{
    public static bool Handles(WeightFormat format) => Avx512BW.IsSupported && format is WeightFormat.Q4_K or WeightFormat.Q6_K;

    /// <summary><c>c[r] = dot(rows + r x rowBytes, x)</c> for <c>r &lt; 4</c>, over Q4_K or Q6_K rows.</summary>
    public static void Dot(WeightFormat format, byte* rows, long rowBytes, sbyte* x, float* xScales4, int* xSums16, int k, float* c)
    {
        if (format == WeightFormat.Q4_K) Dot<Q4KBlock>(rows, rowBytes, x, xScales4, xSums16, k, c);
        else Dot<Q6KBlock>(rows, rowBytes, x, xScales4, xSums16, k, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot<TBlock>(byte* rows, long rowBytes, sbyte* x, float* xScales4, int* xSums16, int k, float* c)
        where TBlock : struct, IKQuantBlock<TBlock>
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        int blocks = k / 256;
        var next = new StreamPrefetch(rows + 4 * rowBytes, 4 * rowBytes, blocks);
        for (int b = 0; b < blocks; b++)
        {
            next.Step(b);
            byte* w0 = rows + b * TBlock.Bytes;
            var s0 = TBlock.Open(w0);
            var s1 = TBlock.Open(w0 + rowBytes);
            var s2 = TBlock.Open(w0 + 2 * rowBytes);
            var s3 = TBlock.Open(w0 + 3 * rowBytes);
            Vector512<int> q0 = default, q1 = default, q2 = default, q3 = default;
            for (int g = 0; g < 4; g++)
            {
                var xg = Vector512.Load(x + b * 256 + g * 64);
                q0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(s0.Values(g), xg), s0.Scales(g));
                q1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(s1.Values(g), xg), s1.Scales(g));
                q2 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(s2.Values(g), xg), s2.Scales(g));
                q3 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(s3.Values(g), xg), s3.Scales(g));
            }
            float xScale = xScales4[b * 64];
            int* sums = xSums16 + b * 16;
            a0 = FusedKQuantDots4.Block(q0, s0.Mins(), sums, s0.D, s0.DMin, xScale, a0);
            a1 = FusedKQuantDots4.Block(q1, s1.Mins(), sums, s1.D, s1.DMin, xScale, a1);
            a2 = FusedKQuantDots4.Block(q2, s2.Mins(), sums, s2.D, s2.DMin, xScale, a2);
            a3 = FusedKQuantDots4.Block(q3, s3.Mins(), sums, s3.D, s3.DMin, xScale, a3);
        }
        FusedKQuantDots4.Store(c, a0, a1, a2, a3);
    }
}
