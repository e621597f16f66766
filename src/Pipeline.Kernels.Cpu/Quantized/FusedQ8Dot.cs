using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>
/// Small-batch decode over Q8_0 without the unpack buffer: the row's int8 values and its scale per 32 are read where
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
            // Lanes 0-7 hold block b's sums, 8-15 block b + 1's.
            var scale = Vector512.Create(Vector256.Create(wScales32[b] * xScales4[b * 8]), Vector256.Create(wScales32[b + 1] * xScales4[(b + 1) * 8]));
            acc = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(lanes), scale, acc);
        }
        float sum = Vector512.Sum(acc);
        for (; b < blocks; b++)
        {
            int isum = 0;
            for (int l = 0; l < 32; l++) isum += w[b * 32 + l] * x[b * 32 + l];
            sum += isum * (wScales32[b] * xScales4[b * 8]);
        }
        return sum;
    }
}
