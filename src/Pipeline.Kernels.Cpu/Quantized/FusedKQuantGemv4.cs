using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>
/// Decode (one to three activation rows) over Q4_K: four consecutive weight rows against one activation row per
/// pass, each block widened in registers as in <see cref="FusedKQuantDots"/>. A Llama model's rows are short
/// (hidden 1,024 is four super-blocks), so one row per call spent as long on the call, the scale set-up and the two
/// horizontal sums as on the dots, and each row's sums were one dependent chain; four rows give the core four
/// independent chains and share each activation load: 1.2-1.3x the one-row kernel on the 2816x1024 and 1024x2816
/// products (scratch harness, alternating). Q6_K is left on the one-row kernel: four of its rows measured 0.86-0.88x
/// on the 32000x1024 LM head (its widening and scale permutes load the shuffle port, which four chains do not relieve).
/// Sums as <see cref="FusedKQuantDots4"/>'s, row by row.
/// </summary>
internal static unsafe class FusedKQuantGemv4
{
    public static bool Handles(WeightFormat format) => Avx512BW.IsSupported && format == WeightFormat.Q4_K;

    /// <summary><c>c[r] = dot(rows + r x rowBytes, x)</c> for <c>r &lt; 4</c>, over Q4_K rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot(byte* rows, long rowBytes, sbyte* x, float* xScales4, int* xSums16, int k, float* c)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        int blocks = k / 256;
        var next = new StreamPrefetch(rows + 4 * rowBytes, 4 * rowBytes, blocks);
        for (int b = 0; b < blocks; b++)
        {
            next.Step(b);
            byte* w0 = rows + b * 144, w1 = w0 + rowBytes, w2 = w1 + rowBytes, w3 = w2 + rowBytes;
            var s0 = new Q4KBlockScales(w0);
            var s1 = new Q4KBlockScales(w1);
            var s2 = new Q4KBlockScales(w2);
            var s3 = new Q4KBlockScales(w3);
            Vector512<int> q0 = default, q1 = default, q2 = default, q3 = default;
            for (int g = 0; g < 4; g++)
            {
                var xg = Vector512.Load(x + b * 256 + g * 64);
                q0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(KQuantGroups.Q4K(w0, g), xg), s0.Group(g));
                q1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(KQuantGroups.Q4K(w1, g), xg), s1.Group(g));
                q2 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(KQuantGroups.Q4K(w2, g), xg), s2.Group(g));
                q3 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(KQuantGroups.Q4K(w3, g), xg), s3.Group(g));
            }
            float xScale = xScales4[b * 64];
            int* sums = xSums16 + b * 16;
            a0 = FusedKQuantDots4.Block(q0, s0.MinsPerSixteen(), sums, F16(w0), F16(w0 + 2), xScale, a0);
            a1 = FusedKQuantDots4.Block(q1, s1.MinsPerSixteen(), sums, F16(w1), F16(w1 + 2), xScale, a1);
            a2 = FusedKQuantDots4.Block(q2, s2.MinsPerSixteen(), sums, F16(w2), F16(w2 + 2), xScale, a2);
            a3 = FusedKQuantDots4.Block(q3, s3.MinsPerSixteen(), sums, F16(w3), F16(w3 + 2), xScale, a3);
        }
        FusedKQuantDots4.Store(c, a0, a1, a2, a3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float F16(byte* p) => WeightRowUnpacker.F16(p);
}
