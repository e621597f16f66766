using System.Buffers.Binary;

namespace Pipeline.Kernels;

/// <summary>
/// Dequantises one ggml block to f32 with ggml's own arithmetic (the same float products in the same order as
/// <c>dequantize_row_*</c> in ggml-quants.c), so decoded weights are bit-identical to llama.cpp's.
/// </summary>
public static class QuantizedBlockDecoder
{
    /// <summary>Q8_0: f16 d, 32 int8; <c>y = d * q</c>.</summary>
    public static void Q8_0(ReadOnlySpan<byte> block, Span<float> y)
    {
        float d = F16(block, 0);
        for (int j = 0; j < 32; j++) y[j] = (sbyte)block[2 + j] * d;
    }

    /// <summary>Q4_0: f16 d, 16 bytes of nibbles (low nibbles are values 0-15, high nibbles 16-31); <c>y = (q - 8) * d</c>.</summary>
    public static void Q4_0(ReadOnlySpan<byte> block, Span<float> y)
    {
        float d = F16(block, 0);
        for (int j = 0; j < 16; j++)
        {
            byte q = block[2 + j];
            y[j] = ((q & 0x0F) - 8) * d;
            y[j + 16] = ((q >> 4) - 8) * d;
        }
    }

    /// <summary>Q4_K: f16 d, f16 dmin, 12 bytes of 6-bit scales and mins, 128 bytes of nibbles; <c>y = d*sc * q - dmin*m</c>.</summary>
    public static void Q4_K(ReadOnlySpan<byte> block, Span<float> y)
    {
        float d = F16(block, 0), min = F16(block, 2);
        var scales = block.Slice(4, 12);
        var q = block.Slice(16, 128);
        for (int j = 0, sub = 0; j < 256; j += 64, sub += 2)
        {
            ScaleMin(sub, scales, out byte sc, out byte m);
            float d1 = d * sc, m1 = min * m;
            ScaleMin(sub + 1, scales, out sc, out m);
            float d2 = d * sc, m2 = min * m;
            var qs = q.Slice(j / 2, 32);
            for (int l = 0; l < 32; l++) y[j + l] = d1 * (qs[l] & 0x0F) - m1;
            for (int l = 0; l < 32; l++) y[j + 32 + l] = d2 * (qs[l] >> 4) - m2;
        }
    }

    /// <summary>Q5_K: as Q4_K, then 32 bytes of high bits (bit <c>2i</c>/<c>2i+1</c> of byte l for the pair i of sub-blocks), then the nibbles.</summary>
    public static void Q5_K(ReadOnlySpan<byte> block, Span<float> y)
    {
        float d = F16(block, 0), min = F16(block, 2);
        var scales = block.Slice(4, 12);
        var qh = block.Slice(16, 32);
        var ql = block.Slice(48, 128);
        int u1 = 1, u2 = 2;
        for (int j = 0, sub = 0; j < 256; j += 64, sub += 2, u1 <<= 2, u2 <<= 2)
        {
            ScaleMin(sub, scales, out byte sc, out byte m);
            float d1 = d * sc, m1 = min * m;
            ScaleMin(sub + 1, scales, out sc, out m);
            float d2 = d * sc, m2 = min * m;
            var qs = ql.Slice(j / 2, 32);
            for (int l = 0; l < 32; l++) y[j + l] = d1 * ((qs[l] & 0x0F) + ((qh[l] & u1) != 0 ? 16 : 0)) - m1;
            for (int l = 0; l < 32; l++) y[j + 32 + l] = d2 * ((qs[l] >> 4) + ((qh[l] & u2) != 0 ? 16 : 0)) - m2;
        }
    }

    /// <summary>Q6_K: 128 bytes low nibbles, 64 bytes of 2-bit highs, 16 int8 scales, f16 d; <c>y = d * sc * (q - 32)</c>.</summary>
    public static void Q6_K(ReadOnlySpan<byte> block, Span<float> y)
    {
        float d = F16(block, 208);
        for (int n = 0; n < 2; n++)
        {
            var ql = block.Slice(n * 64, 64);
            var qh = block.Slice(128 + n * 32, 32);
            var sc = block.Slice(192 + n * 8, 8);
            var o = y.Slice(n * 128, 128);
            for (int l = 0; l < 32; l++)
            {
                int s = l / 16;
                int q1 = ((ql[l] & 0x0F) | ((qh[l] & 3) << 4)) - 32;
                int q2 = ((ql[l + 32] & 0x0F) | (((qh[l] >> 2) & 3) << 4)) - 32;
                int q3 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                int q4 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
                o[l] = d * (sbyte)sc[s] * q1;
                o[l + 32] = d * (sbyte)sc[s + 2] * q2;
                o[l + 64] = d * (sbyte)sc[s + 4] * q3;
                o[l + 96] = d * (sbyte)sc[s + 6] * q4;
            }
        }
    }

    /// <summary>The 6-bit scale and min of sub-block <paramref name="j"/> (0-7) packed in 12 bytes (ggml's get_scale_min_k4).</summary>
    public static void ScaleMin(int j, ReadOnlySpan<byte> q, out byte scale, out byte min)
    {
        if (j < 4)
        {
            scale = (byte)(q[j] & 63);
            min = (byte)(q[j + 4] & 63);
        }
        else
        {
            scale = (byte)((q[j + 4] & 0x0F) | ((q[j - 4] >> 6) << 4));
            min = (byte)((q[j + 4] >> 4) | ((q[j] >> 6) << 4));
        }
    }

    private static float F16(ReadOnlySpan<byte> block, int offset) =>
        (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(block[offset..]));
}
