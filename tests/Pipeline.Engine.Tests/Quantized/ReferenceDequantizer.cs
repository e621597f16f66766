using Pipeline.Kernels;

namespace Pipeline.Engine.Tests.Quantized;

/// <summary>
/// An independent decoder of ggml's block formats, written per element from the layout definitions (where each
/// value's bits, scale and min sit in the block) rather than as the production code's loops over sub-blocks.
/// The arithmetic is ggml's definition: Q8_0/Q4_0 <c>(q - offset) * d</c>; Q4_K/Q5_K <c>(d*sc) * q - (dmin*m)</c>;
/// Q6_K <c>(d*sc) * (q - 32)</c>, all in f32.
/// </summary>
public static class ReferenceDequantizer
{
    public static float[] Decode(WeightFormat format, byte[] data, int count)
    {
        var (values, bytes) = format switch
        {
            WeightFormat.Q8_0 => (32, 34),
            WeightFormat.Q4_0 => (32, 18),
            WeightFormat.Q4_K => (256, 144),
            WeightFormat.Q5_K => (256, 176),
            WeightFormat.Q6_K => (256, 210),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        var result = new float[count];
        for (var i = 0; i < count; i++)
        {
            var block = data.AsSpan(i / values * bytes, bytes);
            var e = i % values;
            result[i] = format switch
            {
                WeightFormat.Q8_0 => ((sbyte)block[2 + e]) * Half(block, 0),
                WeightFormat.Q4_0 => (Nibble(block[2 + e % 16], e >= 16) - 8) * Half(block, 0),
                WeightFormat.Q4_K => KQuant(block, e, Nibble(block[16 + e / 64 * 32 + e % 32], e / 32 % 2 == 1)),
                WeightFormat.Q5_K => KQuant(block, e, Nibble(block[48 + e / 64 * 32 + e % 32], e / 32 % 2 == 1) + 16 * Bit(block[16 + e % 32], e / 32)),
                _ => Q6K(block, e),
            };
        }
        return result;
    }

    /// <summary>Sub-block e/32's 6-bit scale and min: a 12-byte table (bytes 0-3 scales 0-3, 4-7 mins 0-3 in the low 6 bits;
    /// bytes 8-11 hold the low 4 bits of scales 4-7 (low nibble) and mins 4-7 (high nibble), whose top 2 bits are the
    /// top 2 bits of bytes 0-3 (scales) and 4-7 (mins)).</summary>
    private static float KQuant(ReadOnlySpan<byte> block, int e, int q)
    {
        var sub = e / 32;
        var table = block.Slice(4, 12);
        int scale, min;
        if (sub < 4)
        {
            scale = table[sub] % 64;
            min = table[4 + sub] % 64;
        }
        else
        {
            scale = table[8 + sub - 4] % 16 + table[sub - 4] / 64 * 16;
            min = table[8 + sub - 4] / 16 + table[sub] / 64 * 16;
        }
        var d = Half(block, 0) * scale;
        var m = Half(block, 2) * min;
        return d * q - m;
    }

    /// <summary>Element e of a Q6_K block: halves of 128 values; within a half, quarter t of 32 takes the low (t even)
    /// or high nibble of ql byte (l + 32 * (t % 2)) and bits 2t..2t+1 of qh byte l; scale index 8 * half + 2t + l / 16.</summary>
    private static float Q6K(ReadOnlySpan<byte> block, int e)
    {
        int half = e / 128, t = e % 128 / 32, l = e % 32;
        var low = Nibble(block[half * 64 + l + 32 * (t % 2)], t >= 2);
        var high = (block[128 + half * 32 + l] >> (2 * t)) & 3;
        var scale = (sbyte)block[192 + half * 8 + 2 * t + l / 16];
        return Half(block, 208) * scale * (low + 16 * high - 32);
    }

    private static int Nibble(byte b, bool high) => high ? b / 16 : b % 16;

    private static int Bit(byte b, int index) => (b >> index) & 1;

    private static float Half(ReadOnlySpan<byte> block, int offset) => (float)BitConverter.ToHalf(block.Slice(offset, 2));
}
