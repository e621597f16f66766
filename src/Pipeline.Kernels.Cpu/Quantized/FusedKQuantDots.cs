using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>
/// Small-batch decode over Q4_K and Q6_K (the bulk of a Q4_K_M file) without the unpack buffer: the blocks are
/// widened in registers, 64 values per AVX-512BW <c>vpmaddubsw</c> + <c>vpmaddwd</c>, the 6-bit / int8 sub-block
/// scales applied by the <c>vpmaddwd</c> itself and the super-block scale once per 256 values, as ggml's <c>vec_dot_q4_K_q8_K</c> and
/// <c>vec_dot_q6_K_q8_K</c> do. Activations are Q8_K (<see cref="QuantizedActivations"/> with super-blocks).
/// </summary>
internal static unsafe class FusedKQuantDots
{
    public static bool Handles(WeightFormat format) => Avx512BW.IsSupported && format is WeightFormat.Q4_K or WeightFormat.Q6_K;

    /// <summary><c>dot(row, x)</c>: <paramref name="xScales4"/> holds the super-block scale per 4 values, <paramref name="xSums16"/> the integer sum per 16.</summary>
    public static float Dot(WeightFormat format, byte* row, sbyte* x, float* xScales4, int* xSums16, int k) =>
        format == WeightFormat.Q4_K ? Q4K(row, x, xScales4, xSums16, k) : Q6K(row, x, xScales4, xSums16, k);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Q4K(byte* row, sbyte* x, float* xScales4, int* xSums16, int k)
    {
        var low = Vector256.Create((byte)0x0F);
        var acc = Vector512<float>.Zero;
        var minAcc = Vector512<float>.Zero;
        for (int b = 0; b < k / 256; b++)
        {
            byte* block = row + b * 144;
            var scales = new Q4KBlockScales(block);
            var isum = Vector512<int>.Zero;
            for (int g = 0; g < 4; g++)
            {
                var q = Vector256.Load(block + 16 + g * 32);
                var w = Vector512.Create(q & low, (q.AsUInt16() >>> 4).AsByte() & low);
                isum += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(x + b * 256 + g * 64)), scales.Group(g));
            }
            acc = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(isum), Vector512.Create(F16(block) * xScales4[b * 64]), acc);
            // The min term in integers, as ggml does with its bsums: exact per lane, one rounding per block.
            minAcc = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(scales.MinsPerSixteen() * Vector512.Load(xSums16 + b * 16)), Vector512.Create(F16(block + 2) * xScales4[b * 64]), minAcc);
        }
        return Vector512.Sum(acc) - Vector512.Sum(minAcc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Q6K(byte* row, sbyte* x, float* xScales4, int* xSums16, int k)
    {
        var low = Vector256.Create((byte)0x0F);
        var three = Vector256.Create((byte)3);
        var group0 = Vector512.Create((short)0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3);
        var acc = Vector512<float>.Zero;
        var offsetAcc = Vector512<float>.Zero;
        for (int b = 0; b < k / 256; b++)
        {
            byte* block = row + b * 210;
            var sc = (sbyte*)(block + 192);
            float d = F16(block + 208);
            // The sixteen int8 sub-block scales widened once; each 64-value group takes its four, eight i16 lanes each.
            var scales16 = Avx2.ConvertToVector256Int16(Vector128.Load(sc)).ToVector512Unsafe();
            var isum = Vector512<int>.Zero;
            for (int n = 0; n < 2; n++)
            {
                var qlA = Vector256.Load(block + n * 64);
                var qlB = Vector256.Load(block + n * 64 + 32);
                var qh = Vector256.Load(block + 128 + n * 32).AsUInt16();
                for (int pair = 0; pair < 2; pair++)
                {
                    int shift = 4 * pair; // quarters 2*pair and 2*pair+1: nibble 0 or 4, qh bits 4*pair and 4*pair+2
                    var a = ((qlA.AsUInt16() >>> shift).AsByte() & low) | ((((qh >>> shift).AsByte() & three).AsUInt16() << 4).AsByte());
                    var c = ((qlB.AsUInt16() >>> shift).AsByte() & low) | ((((qh >>> (shift + 2)).AsByte() & three).AsUInt16() << 4).AsByte());
                    int first = n * 128 + pair * 64;
                    var pairSums = Avx512BW.MultiplyAddAdjacent(Vector512.Create(a, c), Vector512.Load(x + b * 256 + first));
                    // Eight i16 pair sums per 16-value sub-block, each scaled by its int8 scale in the pair-to-i32 step.
                    var scales = Avx512BW.PermuteVar32x16(scales16, group0 + Vector512.Create((short)(first / 16)));
                    isum += Avx512BW.MultiplyAddAdjacent(pairSums, scales);
                }
            }
            acc = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(isum), Vector512.Create(d * xScales4[b * 64]), acc);
            // The stored values are q + 32: subtract 32 x scale x activation sum per sub-block, summed in integers.
            var offsets = Avx512F.ConvertToVector512Int32(Vector128.Load(sc)) * Vector512.Load(xSums16 + b * 16);
            offsetAcc = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(offsets), Vector512.Create(32 * d * xScales4[b * 64]), offsetAcc);
        }
        return Vector512.Sum(acc) - Vector512.Sum(offsetAcc);
    }

    /// <summary>Finite-half widening by bit shifts (see <see cref="WeightRowUnpacker"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float F16(byte* p) => WeightRowUnpacker.F16(p);
}
