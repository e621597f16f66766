using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>
/// <see cref="FusedKQuantDots"/> for four activation rows at once (batched decode, prefill): each Q4_K / Q6_K block is
/// widened in registers once, with its scales, and dotted with all four rows, so neither the unpack buffer nor a second
/// pass over the weights is needed. Same sums as the one-row kernels, row by row. Generic over the block format
/// (<see cref="IKQuantBlock{TSelf}"/>), as <see cref="FusedKQuantDots8"/> and <see cref="FusedKQuantGemv4"/>.
/// </summary>
internal static unsafe class FusedKQuantDots4
{
    /// <summary><c>c[r] = dot(row, x[first + r])</c> for <c>r &lt; 4</c>.</summary>
    public static void Dot4(WeightFormat format, byte* row, QuantizedActivations x, int first, int k, float* c)
    {
        if (format == WeightFormat.Q4_K) Dot4<Q4KBlock>(row, x, first, k, c);
        else Dot4<Q6KBlock>(row, x, first, k, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4<TBlock>(byte* row, QuantizedActivations x, int first, int k, float* c)
        where TBlock : struct, IKQuantBlock<TBlock>
    {
        // Rows are consecutive in the quantised buffers: one base and the row stride per buffer (as FusedKQuantDots8).
        sbyte* x0 = x.Values(first);
        int* sums = x.IntSums16(first);
        float* xScales = x.Scales4(first);
        nint stride = k;
        int sumStride = k / 16, scaleStride = k / 4;
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (int b = 0; b < k / 256; b++)
        {
            var block = TBlock.Open(row + b * TBlock.Bytes);
            Vector512<int> q0 = default, q1 = default, q2 = default, q3 = default;
            for (int g = 0; g < 4; g++)
            {
                var w = block.Values(g);
                var scale16 = block.Scales(g);
                sbyte* p = x0 + b * 256 + g * 64;
                q0 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(p)), scale16);
                q1 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(p + stride)), scale16);
                q2 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(p + 2 * stride)), scale16);
                q3 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(w, Vector512.Load(p + 3 * stride)), scale16);
            }
            var d = Vector512.Create(block.D);
            var negativeDMin = Vector512.Create(-block.DMin);
            var mins = LowHalves(block.Mins());
            a0 = BatchBlock(q0, mins, d, negativeDMin, xScales + b * 64, sums + b * 16, a0);
            a1 = BatchBlock(q1, mins, d, negativeDMin, xScales + scaleStride + b * 64, sums + sumStride + b * 16, a1);
            a2 = BatchBlock(q2, mins, d, negativeDMin, xScales + 2 * scaleStride + b * 64, sums + 2 * sumStride + b * 16, a2);
            a3 = BatchBlock(q3, mins, d, negativeDMin, xScales + 3 * scaleStride + b * 64, sums + 3 * sumStride + b * 16, a3);
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

    /// <summary>
    /// A block's mins (Q4_K, 0-63) or offsets (Q6_K, 32 x an int8 scale) as <see cref="BatchBlock"/> multiplies them:
    /// each in its lane's low i16, the high i16 zero (a negative offset's had been its sign).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<int> LowHalves(Vector512<int> mins) => mins & Vector512.Create(0xFFFF);

    /// <summary>
    /// One block's share of an activation row in the batched kernels: the same sums, rounded the same way, as
    /// <see cref="Block"/>, in fewer operations. The min term's products are one <c>vpmaddwd</c> of
    /// <see cref="LowHalves"/> with the row's 16-value sums (a min or offset is at most 4,096 in magnitude and a sum
    /// under 2,048, so each lane's low halves hold both whole, and the mins' zero high halves cancel the sums' sign
    /// halves) where <c>vpmulld</c> is two; both scales are vector products of the block's broadcast <c>d</c> and
    /// <c>-dmin</c> with the row's scale broadcast from memory, where scalar products each needed a broadcast from a
    /// register on the shuffle port.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> BatchBlock(Vector512<int> sums, Vector512<int> mins, Vector512<float> d, Vector512<float> negativeDMin,
        float* xScale, int* xSums16, Vector512<float> acc)
    {
        var rowScale = Vector512.Create(*xScale);
        acc = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(sums), d * rowScale, acc);
        var minProducts = Avx512BW.MultiplyAddAdjacent(mins.AsInt16(), Vector512.Load(xSums16).AsInt16());
        return Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(minProducts), negativeDMin * rowScale, acc);
    }

    /// <summary>One block's share of a row: its scaled sums less its mins (or offsets) against the row's 16-value sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Block(Vector512<int> sums, Vector512<int> mins, int* xSums16, float d, float dmin, float xScale, Vector512<float> acc)
    {
        acc = Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(sums), Vector512.Create(d * xScale), acc);
        return Vector512.FusedMultiplyAdd(Vector512.ConvertToSingle(mins * Vector512.Load(xSums16)), Vector512.Create(-dmin * xScale), acc);
    }
}
