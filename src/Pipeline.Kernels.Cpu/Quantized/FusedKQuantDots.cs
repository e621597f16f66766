using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>
/// Small-batch decode over Q4_K and Q6_K (the bulk of a Q4_K_M file) without the unpack buffer: the blocks are
/// widened in registers, 64 values per AVX-512BW <c>vpmaddubsw</c> + <c>vpmaddwd</c>, the 6-bit / int8 sub-block
/// scales applied in i32 and the super-block scale once per 256 values, as ggml's <c>vec_dot_q4_K_q8_K</c> and
/// <c>vec_dot_q6_K_q8_K</c> do. Activations are Q8_K (<see cref="QuantizedActivations"/> with super-blocks).
/// </summary>
internal static unsafe class FusedKQuantDots
{
    public static bool Handles(WeightFormat format) => Avx512BW.IsSupported && format is WeightFormat.Q4_K or WeightFormat.Q6_K;

    /// <summary><c>dot(row, x)</c>: <paramref name="xScales4"/> holds the super-block scale per 4 values, <paramref name="xSums16"/> scale * sum per 16.</summary>
    public static float Dot(WeightFormat format, byte* row, sbyte* x, float* xScales4, float* xSums16, int k) =>
        format == WeightFormat.Q4_K ? Q4K(row, x, xScales4, xSums16, k) : Q6K(row, x, xScales4, xSums16, k);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Q4K(byte* row, sbyte* x, float* xScales4, float* xSums16, int k)
    {
        var low = Vector256.Create((byte)0x0F);
        var acc = Vector512<float>.Zero;
        float mins = 0;
        for (int b = 0; b < k / 256; b++)
        {
            byte* block = row + b * 144;
            var table = new ReadOnlySpan<byte>(block + 4, 12);
            var isum = Vector512<int>.Zero;
            float blockMins = 0;
            for (int g = 0; g < 4; g++)
            {
                QuantizedBlockDecoder.ScaleMin(2 * g, table, out byte sc0, out byte m0);
                QuantizedBlockDecoder.ScaleMin(2 * g + 1, table, out byte sc1, out byte m1);
                var q = Vector256.Load(block + 16 + g * 32);
                var w = Vector512.Create(q & low, (q.AsUInt16() >>> 4).AsByte() & low);
                var products = Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(x + b * 256 + g * 64)), Vector512<short>.One);
                isum += products * Vector512.Create(Vector256.Create((int)sc0), Vector256.Create((int)sc1));
                float* s = xSums16 + b * 16 + g * 4;
                blockMins += m0 * (s[0] + s[1]) + m1 * (s[2] + s[3]);
            }
            acc = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(isum), Vector512.Create(F16(block) * xScales4[b * 64]), acc);
            mins += F16(block + 2) * blockMins;
        }
        return Vector512.Sum(acc) - mins;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Q6K(byte* row, sbyte* x, float* xScales4, float* xSums16, int k)
    {
        var low = Vector256.Create((byte)0x0F);
        var three = Vector256.Create((byte)3);
        var acc = Vector512<float>.Zero;
        float offsets = 0;
        for (int b = 0; b < k / 256; b++)
        {
            byte* block = row + b * 210;
            var sc = (sbyte*)(block + 192);
            float d = F16(block + 208);
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
                    var products = Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(Vector512.Create(a, c), Vector512.Load(x + b * 256 + first)), Vector512<short>.One);
                    sbyte* s = sc + first / 16;
                    var scales = Vector512.Create(Vector256.Create(Vector128.Create((int)s[0]), Vector128.Create((int)s[1])),
                        Vector256.Create(Vector128.Create((int)s[2]), Vector128.Create((int)s[3])));
                    isum += products * scales;
                }
            }
            float blockOffsets = 0;
            for (int j = 0; j < 16; j++) blockOffsets += sc[j] * xSums16[b * 16 + j];
            acc = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(isum), Vector512.Create(d * xScales4[b * 64]), acc);
            offsets += 32 * d * blockOffsets;
        }
        return Vector512.Sum(acc) - offsets;
    }

    /// <summary>Finite-half widening by bit shifts (see <see cref="WeightRowUnpacker"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float F16(byte* p) => WeightRowUnpacker.F16(p);
}
