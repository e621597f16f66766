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
        var acc = Vector512<float>.Zero;
        var minAcc = Vector512<float>.Zero;
        int blocks = k / 256;
        var ahead = new StreamPrefetch(row + RowsAhead * 144L * blocks, 144L * blocks, blocks);
        for (int b = 0; b < blocks; b++)
        {
            ahead.Step(b);
            byte* block = row + b * 144;
            var scales = new Q4KBlockScales(block);
            var subBlockScales = scales.All();
            var isum = Vector512<int>.Zero;
            for (int g = 0; g < 4; g++)
            {
                isum += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(KQuantGroups.Q4K(block, g), Vector512.Load(x + b * 256 + g * 64)), KQuantGroups.Q4KGroupScales(subBlockScales, g));
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
        var acc = Vector512<float>.Zero;
        var offsetAcc = Vector512<float>.Zero;
        int blocks = k / 256;
        var ahead = new StreamPrefetch(row + RowsAhead * 210L * blocks, 210L * blocks, blocks);
        for (int b = 0; b < blocks; b++)
        {
            ahead.Step(b);
            byte* block = row + b * 210;
            float d = F16(block + 208);
            // The sixteen int8 sub-block scales widened once; each 64-value group takes its four, eight i16 lanes each.
            var scales16 = KQuantGroups.Q6KScales(block);
            var isum = Vector512<int>.Zero;
            for (int group = 0; group < 4; group++)
            {
                var pairSums = Avx512BW.MultiplyAddAdjacent(KQuantGroups.Q6K(block, group), Vector512.Load(x + b * 256 + group * 64));
                isum += Avx512BW.MultiplyAddAdjacent(pairSums, Avx512BW.PermuteVar32x16(scales16, KQuantGroups.Q6KScaleLanes(group)));
            }
            acc = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(isum), Vector512.Create(d * xScales4[b * 64]), acc);
            // The stored values are q + 32: subtract 32 x scale x activation sum per sub-block, summed in integers.
            var offsets = KQuantGroups.Q6KOffsets(block) * Vector512.Load(xSums16 + b * 16);
            offsetAcc = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(offsets), Vector512.Create(d * xScales4[b * 64]), offsetAcc);
        }
        return Vector512.Sum(acc) - Vector512.Sum(offsetAcc);
    }

    // Rows ahead whose lines a one-row dot requests while it computes (one pass of the four-row kernels is four rows).
    private const int RowsAhead = 4;

    /// <summary>Finite-half widening by bit shifts (see <see cref="WeightRowUnpacker"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float F16(byte* p) => WeightRowUnpacker.F16(p);
}
