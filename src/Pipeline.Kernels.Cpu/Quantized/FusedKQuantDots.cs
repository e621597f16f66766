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
        // Each sub-block's min against its two 16-value activation sums.
        var pairs = Vector128.Create((byte)0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7);
        var acc = Vector512<float>.Zero;
        var minAcc = Vector512<float>.Zero;
        for (int b = 0; b < k / 256; b++)
        {
            byte* block = row + b * 144;
            // The twelve scale bytes as three words: 6-bit scales and mins of sub-blocks 0-3 sit in the low bits of
            // bytes 0-3 and 4-7; those of 4-7 are bytes 8-11's nibbles with the top two bits of bytes 0-7 above them.
            uint u0 = Unsafe.ReadUnaligned<uint>(block + 4), u1 = Unsafe.ReadUnaligned<uint>(block + 8), u2 = Unsafe.ReadUnaligned<uint>(block + 12);
            uint scalesLow = u0 & 0x3F3F3F3F, minsLow = u1 & 0x3F3F3F3F;
            uint scalesHigh = (u2 & 0x0F0F0F0F) | (((u0 >> 6) & 0x03030303) << 4);
            uint minsHigh = ((u2 >> 4) & 0x0F0F0F0F) | (((u1 >> 6) & 0x03030303) << 4);
            var isum = Vector512<int>.Zero;
            for (int g = 0; g < 4; g++)
            {
                uint scales = (g < 2 ? scalesLow : scalesHigh) >> ((g & 1) * 16);
                var q = Vector256.Load(block + 16 + g * 32);
                var w = Vector512.Create(q & low, (q.AsUInt16() >>> 4).AsByte() & low);
                var pairSums = Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(x + b * 256 + g * 64));
                // The sub-block scale applied by the pair-to-i32 step (no 32-bit multiply): |pair| <= 3,840, x 63 x 2 fits i32.
                isum += Avx512BW.MultiplyAddAdjacent(pairSums, Vector512.Create(Vector256.Create((short)(scales & 0xFF)), Vector256.Create((short)((scales >> 8) & 0xFF))));
            }
            acc = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(isum), Vector512.Create(F16(block) * xScales4[b * 64]), acc);
            // The min term in integers, as ggml does with its bsums: exact per lane, one rounding per block.
            var mins = Avx512F.ConvertToVector512Int32(Ssse3.Shuffle(Vector128.Create(minsLow, minsHigh, 0u, 0u).AsByte(), pairs));
            minAcc = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(mins * Vector512.Load(xSums16 + b * 16)), Vector512.Create(F16(block + 2) * xScales4[b * 64]), minAcc);
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
