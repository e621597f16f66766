using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>
/// The dot product of one unpacked weight row (<see cref="WeightRowUnpacker"/>) with one quantised activation row
/// (<see cref="QuantizedActivations"/>): per 32 values one u8 x s8 integer dot into eight i32 lanes (4 values
/// each), converted to f32 and scaled by weight scale x activation scale per lane, summed in f32; then the
/// weights' offsets times the activations' scaled sums per 16 values are subtracted.
/// </summary>
internal static unsafe class IntDotKernels
{
    public static float Dot(IntDotPath path, byte* w, float* wScales4, float* wOffsets16, bool signed, sbyte* x, float* xScales4, float* xSums16, int k)
    {
        float dot = path switch
        {
            IntDotPath.Avx512 => IntDotKernels512.Dot1(w, wScales4, signed, x, xScales4, k),
            IntDotPath.AvxVnni => signed ? Simd<VnniDot, SignedWeights>(w, wScales4, x, xScales4, k) : Simd<VnniDot, UnsignedWeights>(w, wScales4, x, xScales4, k),
            IntDotPath.Avx2 => signed ? Simd<Avx2Dot, SignedWeights>(w, wScales4, x, xScales4, k) : Simd<Avx2Dot, UnsignedWeights>(w, wScales4, x, xScales4, k),
            _ => Scalar(w, wScales4, signed, x, xScales4, k),
        };
        return wOffsets16 == null ? dot : dot - Offsets(wOffsets16, xSums16, k);
    }

    /// <summary>The offset term: weight offsets times the activations' scaled sums, per 16 values.</summary>
    public static float Offsets(float* wOffsets16, float* xSums16, int k) =>
        TensorPrimitives.Dot(new ReadOnlySpan<float>(wOffsets16, k / 16), new ReadOnlySpan<float>(xSums16, k / 16));

    /// <summary>Reference path: exact i32 sums per 4 values, scaled and summed in order.</summary>
    private static float Scalar(byte* w, float* wScales4, bool signed, sbyte* x, float* xScales4, int k)
    {
        float sum = 0;
        for (int g = 0; g < k / 4; g++)
        {
            int isum = 0;
            for (int l = 0; l < 4; l++) isum += (signed ? (sbyte)w[g * 4 + l] : w[g * 4 + l]) * x[g * 4 + l];
            sum += isum * (wScales4[g] * xScales4[g]);
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Simd<TDot, TSign>(byte* w, float* wScales4, sbyte* x, float* xScales4, int k)
        where TDot : struct, IIntDot where TSign : struct, IWeightSign
    {
        Vector256<float> acc0 = default, acc1 = default;
        int p = 0;
        for (; p <= k - 64; p += 64)
        {
            acc0 = Step<TDot, TSign>(w + p, wScales4 + p / 4, x + p, xScales4 + p / 4, acc0);
            acc1 = Step<TDot, TSign>(w + p + 32, wScales4 + p / 4 + 8, x + p + 32, xScales4 + p / 4 + 8, acc1);
        }
        if (p < k) acc0 = Step<TDot, TSign>(w + p, wScales4 + p / 4, x + p, xScales4 + p / 4, acc0);
        return Vector256.Sum(acc0 + acc1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Step<TDot, TSign>(byte* w, float* ws, sbyte* x, float* xs, Vector256<float> acc)
        where TDot : struct, IIntDot where TSign : struct, IWeightSign
    {
        var wv = Vector256.Load(w);
        var xv = Vector256.Load(x);
        TSign.Apply(ref wv, ref xv);
        var lanes = Vector256.ConvertToSingle(TDot.Dot(wv, xv));
        return Vector256.FusedMultiplyAdd(lanes, Vector256.Load(ws) * Vector256.Load(xs), acc);
    }
}

/// <summary>u8 x s8 products of 32 values summed per 4 into eight i32 lanes.</summary>
internal interface IIntDot
{
    static abstract Vector256<int> Dot(Vector256<byte> u, Vector256<sbyte> s);
}

/// <summary>AVX2: <c>vpmaddubsw</c> then <c>vpmaddwd</c> with ones (no saturation: |u| &lt;= 127 and |s| &lt;= 127 give pair sums &lt;= 32258).</summary>
internal readonly struct Avx2Dot : IIntDot
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Dot(Vector256<byte> u, Vector256<sbyte> s) =>
        Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(u, s), Vector256<short>.One);
}

/// <summary>AVX-VNNI: <c>vpdpbusd</c>.</summary>
internal readonly struct VnniDot : IIntDot
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Dot(Vector256<byte> u, Vector256<sbyte> s) => AvxVnni.MultiplyWideningAndAdd(Vector256<int>.Zero, u, s);
}

/// <summary>How weight bytes become the unsigned operand.</summary>
internal interface IWeightSign
{
    static abstract void Apply(ref Vector256<byte> w, ref Vector256<sbyte> x);
}

/// <summary>Weights already unsigned (Q4_0, k-quants).</summary>
internal readonly struct UnsignedWeights : IWeightSign
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Apply(ref Vector256<byte> w, ref Vector256<sbyte> x)
    {
    }
}

/// <summary>Signed int8 weights (Q8_0): <c>|w| * sign(w) x</c>, as ggml does.</summary>
internal readonly struct SignedWeights : IWeightSign
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Apply(ref Vector256<byte> w, ref Vector256<sbyte> x)
    {
        x = Avx2.Sign(x, w.AsSByte());
        w = Avx2.Abs(w.AsSByte());
    }
}
