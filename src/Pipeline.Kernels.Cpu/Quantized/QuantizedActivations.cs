using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>
/// Activation rows quantised once per matrix product, as llama.cpp does before its integer dot products: Q8_0-style
/// (blocks of 32, f16-rounded scale <c>max|x| / 127</c>, round half to even; for Q8_0 and Q4_0 weights) or Q8_K
/// (blocks of 256, f32 scale from the signed extreme, ggml's <c>quantize_row_q8_K_ref</c>; for the k-quants).
/// Per row: the int8 values, the value scale for every 4 values (what one int32 lane of a 32-byte dot covers)
/// and the scaled sum of every 16 values (for the weights' min/offset terms).
/// </summary>
internal sealed unsafe class QuantizedActivations
{
    [ThreadStatic] private static QuantizedActivations? t_instance;

    private sbyte[] _values = [];
    private float[] _scales4 = [];
    private float[] _sums16 = [];
    private int[] _intSums16 = [];

    public int Rows { get; private set; }

    public int K { get; private set; }

    /// <summary>Row <paramref name="i"/>'s int8 values (<see cref="K"/> of them).</summary>
    public sbyte* Values(int i) => Pin(_values) + (long)i * K;

    /// <summary>Row <paramref name="i"/>'s scale per 4 values (<c>K / 4</c>).</summary>
    public float* Scales4(int i) => Pin(_scales4) + (long)i * (K / 4);

    /// <summary>Row <paramref name="i"/>'s <c>scale * sum</c> per 16 values (<c>K / 16</c>).</summary>
    public float* Sums16(int i) => Pin(_sums16) + (long)i * (K / 16);

    /// <summary>Row <paramref name="i"/>'s integer sum per 16 values (<c>K / 16</c>): ggml's <c>bsums</c>, for min/offset terms summed exactly.</summary>
    public int* IntSums16(int i) => Pin(_intSums16) + (long)i * (K / 16);

    /// <summary>The calling thread's buffer, filled with <paramref name="rows"/> rows of <paramref name="x"/> (read by workers during one call).</summary>
    public static QuantizedActivations Quantize(float* x, int rows, int k, bool superBlocks)
    {
        var a = t_instance ??= new QuantizedActivations();
        a.Fill(x, rows, k, superBlocks);
        return a;
    }

    private void Fill(float* x, int rows, int k, bool superBlocks)
    {
        Rows = rows;
        K = k;
        Grow(ref _values, rows * k);
        Grow(ref _scales4, rows * k / 4);
        Grow(ref _sums16, rows * k / 16);
        Grow(ref _intSums16, rows * k / 16);
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported && !UseScalar)
        {
            for (int i = 0; i < rows; i++) FillRow512(x + (long)i * k, i, superBlocks);
            return;
        }
        FillScalar(x, rows, k, superBlocks);
    }

    [ThreadStatic] private static bool t_useScalar;

    /// <summary>Tests only: this thread takes the scalar reference path, which the vectorised one must match bit for bit.</summary>
    internal static bool UseScalar { get => t_useScalar; set => t_useScalar = value; }

    // One row, sixteen values a vector: the same arithmetic as the scalar reference (one multiply, round half to even,
    // the first value of the largest magnitude for Q8_K's sign), so the same bytes, scales and sums.
    private void FillRow512(float* row, int i, bool superBlocks)
    {
        int k = K, block = superBlocks ? 256 : 32;
        sbyte* q = Values(i);
        float* s4 = Scales4(i), s16 = Sums16(i);
        int* i16 = IntSums16(i);
        for (int b = 0; b < k; b += block)
        {
            float* x = row + b;
            var amax = Vector512<float>.Zero;
            for (int j = 0; j < block; j += 16) amax = Vector512.Max(amax, Vector512.Abs(Vector512.Load(x + j)));
            float largest = MaxLane(Vector256.Max(amax.GetLower(), amax.GetUpper()));
            float d, multiplier;
            if (superBlocks)
            {
                // An all-zero block: a multiplier of 0 gives its zero values, as the reference's cleared block.
                multiplier = largest == 0 ? 0 : -127f / FirstOfMagnitude(x, largest);
                d = largest == 0 ? 0 : 1 / multiplier;
            }
            else
            {
                multiplier = largest != 0 ? 127f / largest : 0f;
                d = (float)(Half)(largest / 127f);
            }
            var scale = Vector512.Create(multiplier);
            var fourScales = Vector128.Create(d); // one scale per 4 values: four per 16
            for (int j = 0; j < block; j += 16)
            {
                var v = Vector512.ConvertToInt32(Vector512.Round(Vector512.Load(x + j) * scale));
                if (superBlocks) v = Vector512.Min(v, Vector512.Create(127));
                Avx512F.ConvertToVector128SByte(v).Store(q + b + j);
                int sum = Vector512.Sum(v);
                int g = (b + j) / 16;
                i16[g] = sum;
                s16[g] = d * sum;
                fourScales.Store(s4 + (b + j) / 4);
            }
        }
    }

    private static float MaxLane(Vector256<float> v)
    {
        var m = Vector128.Max(v.GetLower(), v.GetUpper());
        float best = 0;
        for (int l = 0; l < 4; l++) best = MathF.Max(best, m.GetElement(l));
        return best;
    }

    // The first of 256 values whose magnitude is the block's largest: ggml keeps the first on ties, and its sign.
    private static float FirstOfMagnitude(float* x, float largest)
    {
        var target = Vector512.Create(largest);
        for (int j = 0; j < 256; j += 16)
        {
            ulong hits = Vector512.Equals(Vector512.Abs(Vector512.Load(x + j)), target).ExtractMostSignificantBits();
            if (hits != 0) return x[j + BitOperations.TrailingZeroCount(hits)];
        }
        return largest;
    }

    private void FillScalar(float* x, int rows, int k, bool superBlocks)
    {
        for (int i = 0; i < rows; i++)
        {
            float* row = x + (long)i * k;
            sbyte* q = Values(i);
            float* s4 = Scales4(i), s16 = Sums16(i);
            int* i16 = IntSums16(i);
            int block = superBlocks ? 256 : 32;
            for (int b = 0; b < k; b += block)
            {
                float d = superBlocks ? Q8K(row + b, q + b) : Q8_0(row + b, q + b);
                for (int j = b / 4; j < (b + block) / 4; j++) s4[j] = d;
                for (int j = b / 16; j < (b + block) / 16; j++)
                {
                    int sum = 0;
                    for (int l = 0; l < 16; l++) sum += q[j * 16 + l];
                    s16[j] = d * sum;
                    i16[j] = sum;
                }
            }
        }
    }

    /// <summary>ggml's AVX2 <c>quantize_row_q8_0</c>: values <c>round(x * 127 / max|x|)</c>, scale <c>max|x| / 127</c> stored as f16.</summary>
    private static float Q8_0(float* x, sbyte* q)
    {
        float max = 0;
        for (int j = 0; j < 32; j++) max = MathF.Max(max, MathF.Abs(x[j]));
        float inverse = max != 0 ? 127f / max : 0f;
        for (int j = 0; j < 32; j++) q[j] = (sbyte)MathF.Round(x[j] * inverse);
        return (float)(Half)(max / 127f);
    }

    /// <summary>ggml's <c>quantize_row_q8_K_ref</c>: <c>iscale = -127 / x_max</c> (the signed extreme), values <c>min(127, round(iscale * x))</c>, scale <c>1 / iscale</c>.</summary>
    private static float Q8K(float* x, sbyte* q)
    {
        float max = 0, amax = 0;
        for (int j = 0; j < 256; j++)
        {
            float ax = MathF.Abs(x[j]);
            if (ax > amax)
            {
                amax = ax;
                max = x[j];
            }
        }
        if (amax == 0)
        {
            new Span<sbyte>(q, 256).Clear();
            return 0;
        }
        float iscale = -127f / max;
        for (int j = 0; j < 256; j++) q[j] = (sbyte)Math.Min(127, (int)MathF.Round(iscale * x[j]));
        return 1 / iscale;
    }

    private static void Grow<T>(ref T[] array, int length) where T : unmanaged
    {
        if (array.Length < length) array = GC.AllocateUninitializedArray<T>(Math.Max(length, 1024), pinned: true);
    }

    private static T* Pin<T>(T[] array) where T : unmanaged => (T*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
}
