using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Kernels.Cpu.Quantized;

/// <summary>
/// Unpacks one quantised weight row into the common shape the integer dot products take: one byte per value
/// (unsigned 0-63 for Q4_0 and the k-quants, the raw int8 for Q8_0), a float scale per 4 values and a float offset
/// per 16 values, so that <c>w = scale * q - offset</c> element-wise (Q4_0: <c>d(q - 8)</c>; Q4_K/Q5_K:
/// <c>d*sc*q - dmin*m</c>; Q6_K: <c>d*sc*(q - 32)</c>). The row is small enough to stay in L1 while every batch
/// row is dotted with it, so the weights stream from memory once per call. Nibbles are split with 16-bit shifts
/// and masks (x86 has no byte shift).
/// </summary>
internal static unsafe class WeightRowUnpacker
{
    /// <summary>Whether the format's values are signed (Q8_0): the dot product then takes |w| and moves the sign to the activation.</summary>
    public static bool Signed(WeightFormat format) => format == WeightFormat.Q8_0;

    /// <summary>Whether activations for the format are quantised in 256-value super-blocks (Q8_K) rather than 32-value blocks.</summary>
    public static bool SuperBlocks(WeightFormat format) => format is WeightFormat.Q4_K or WeightFormat.Q5_K or WeightFormat.Q6_K;

    /// <summary>Unpacks row <paramref name="row"/>; returns false when the format has no offsets (Q8_0).</summary>
    public static bool Unpack(CpuMatrix w, int row, byte* u, float* scales4, float* offsets16)
    {
        int k = w.Cols;
        switch (w.Format)
        {
            case WeightFormat.Q8_0:
                Buffer.MemoryCopy(w.Q8 + (long)row * k, u, k, k);
                float* d8 = w.Q8Scales + (long)row * (k / 32);
                for (int b = 0; b < k / 32; b++) Fill(scales4 + b * 8, 8, d8[b]);
                return false;
            case WeightFormat.Q4_0:
                Q4_0(w.Blocks + row * WeightBlocks.RowBytes(w.Format, k), k, u, scales4, offsets16);
                return true;
            case WeightFormat.Q4_K or WeightFormat.Q5_K:
                KQuant(w.Blocks + row * WeightBlocks.RowBytes(w.Format, k), k, w.Format == WeightFormat.Q5_K, u, scales4, offsets16);
                return true;
            case WeightFormat.Q6_K:
                Q6_K(w.Blocks + row * WeightBlocks.RowBytes(w.Format, k), k, u, scales4, offsets16);
                return true;
            default:
                throw new ArgumentException($"{w.Format} has no integer dot product.", nameof(w));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Q4_0(byte* blocks, int k, byte* u, float* scales4, float* offsets16)
    {
        var low = Vector128.Create((byte)0x0F);
        for (int b = 0; b < k / 32; b++, blocks += 18, u += 32)
        {
            float d = F16(blocks);
            var q = Vector128.Load(blocks + 2);
            Vector128.Store(q & low, u);
            Vector128.Store((q.AsUInt16() >>> 4).AsByte() & low, u + 16);
            Fill(scales4 + b * 8, 8, d);
            Fill(offsets16 + b * 2, 2, 8 * d);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void KQuant(byte* blocks, int k, bool fifthBit, byte* u, float* scales4, float* offsets16)
    {
        int size = fifthBit ? 176 : 144;
        var low = Vector256.Create((byte)0x0F);
        for (int b = 0; b < k / 256; b++, blocks += size)
        {
            float d = F16(blocks), dmin = F16(blocks + 2);
            var table = new ReadOnlySpan<byte>(blocks + 4, 12);
            byte* qs = blocks + (fifthBit ? 48 : 16);
            var qh = fifthBit ? Vector256.Load(blocks + 16) : default;
            for (int g = 0; g < 4; g++)
            {
                var q = Vector256.Load(qs + g * 32);
                var lo = q & low;
                var hi = (q.AsUInt16() >>> 4).AsByte() & low;
                if (fifthBit)
                {
                    var m1 = Vector256.Create((byte)(1 << (2 * g)));
                    var m2 = Vector256.Create((byte)(2 << (2 * g)));
                    lo |= Vector256.Equals(qh & m1, m1) & Vector256.Create((byte)16);
                    hi |= Vector256.Equals(qh & m2, m2) & Vector256.Create((byte)16);
                }
                byte* o = u + b * 256 + g * 64;
                Vector256.Store(lo, o);
                Vector256.Store(hi, o + 32);
                for (int h = 0; h < 2; h++)
                {
                    int sub = 2 * g + h;
                    QuantizedBlockDecoder.ScaleMin(sub, table, out byte sc, out byte m);
                    Fill(scales4 + (b * 256 + sub * 32) / 4, 8, d * sc);
                    Fill(offsets16 + (b * 256 + sub * 32) / 16, 2, dmin * m);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Q6_K(byte* blocks, int k, byte* u, float* scales4, float* offsets16)
    {
        var low = Vector256.Create((byte)0x0F);
        var three = Vector256.Create((byte)3);
        for (int b = 0; b < k / 256; b++, blocks += 210)
        {
            float d = F16(blocks + 208);
            var sc = (sbyte*)(blocks + 192);
            for (int n = 0; n < 2; n++)
            {
                var qh = Vector256.Load(blocks + 128 + n * 32);
                for (int t = 0; t < 4; t++)
                {
                    var ql = Vector256.Load(blocks + n * 64 + 32 * (t % 2));
                    var nibble = (t >= 2 ? (ql.AsUInt16() >>> 4).AsByte() : ql) & low;
                    var high = (qh.AsUInt16() >>> (2 * t)).AsByte() & three;
                    Vector256.Store(nibble | (high.AsUInt16() << 4).AsByte(), u + b * 256 + n * 128 + t * 32);
                    for (int h = 0; h < 2; h++)
                    {
                        float scale = d * sc[n * 8 + 2 * t + h];
                        int first = b * 256 + n * 128 + t * 32 + h * 16;
                        Fill(scales4 + first / 4, 4, scale);
                        offsets16[first / 16] = 32 * scale;
                    }
                }
            }
        }
    }

    /// <summary>Stores <paramref name="value"/> <paramref name="count"/> times (8, 4 or 2) with one vector store where it can.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fill(float* destination, int count, float value)
    {
        if (count == 8) Vector256.Store(Vector256.Create(value), destination);
        else if (count == 4) Vector128.Store(Vector128.Create(value), destination);
        else
        {
            destination[0] = value;
            destination[1] = value;
        }
    }

    /// <summary>
    /// f16 to f32 without the library's general conversion, in integer arithmetic: a normal half's exponent and
    /// mantissa shifted into place and the exponent rebiased by an add, a subnormal's mantissa converted as an integer
    /// and scaled by 2^-24 (exact; no subnormal f32 ever reaches the FPU); Inf and NaN (exponent all ones) are assembled from
    /// their bits as the library does (NaN made quiet, payload kept). No call on any path: a call in a kernel's block
    /// loop, even one never taken, made the JIT spill the loop's vector registers around it (measured on the
    /// four-row Q6_K kernel: 10% slower than with one row, instead of faster).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F16(byte* p)
    {
        uint h = *(ushort*)p;
        uint sign = (h & 0x8000) << 16;
        if ((h & 0x7C00) == 0x7C00)
        {
            uint mantissa = (h & 0x3FF) << 13;
            return BitConverter.UInt32BitsToSingle(sign | 0x7F800000 | mantissa | (mantissa != 0 ? 0x400000u : 0));
        }
        if ((h & 0x7C00) == 0)
        {
            // Zero and subnormal: mantissa x 2^-24 from an integer, exact. Rebiasing by a multiply would hand the FPU a
            // subnormal f32 operand, a microcode assist of ~100 cycles: k-quant super-block scales of real weights are
            // mostly subnormal halves (a Q6_K d is about max|w| / 4,064), and the assists tripled the LM head's time.
            return BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits((h & 0x3FF) * 5.9604645e-8f) | sign); // 2^-24
        }
        return BitConverter.UInt32BitsToSingle((((h & 0x7FFF) << 13) + 0x38000000) | sign); // exponent rebiased by 112
    }
}
