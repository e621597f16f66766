using System.Runtime.InteropServices;

namespace Pipeline.Kernels.Tests.Conformance;

/// <summary>Seeded random inputs and comparison helpers for the conformance suites.</summary>
public static class ConformanceData
{
    /// <summary>Uniform values in [-scale, scale).</summary>
    public static float[] Floats(Random random, int length, double scale = 1.0)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++) values[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        return values;
    }

    /// <summary>Max absolute difference divided by the largest reference magnitude (normwise relative error).</summary>
    public static double RelativeError(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected)
    {
        if (actual.Length != expected.Length) throw new ArgumentException("Length mismatch.");
        double maxDiff = 0, maxRef = 1e-30;
        for (var i = 0; i < actual.Length; i++)
        {
            // NaN (a poisoned element that was never written) must fail the comparison.
            var diff = double.IsNaN(actual[i]) ? double.PositiveInfinity : Math.Abs(actual[i] - expected[i]);
            maxDiff = Math.Max(maxDiff, diff);
            maxRef = Math.Max(maxRef, Math.Abs(expected[i]));
        }
        return maxDiff / maxRef;
    }

    /// <summary>F16 bytes of <paramref name="values"/> and the values they really hold (after rounding).</summary>
    public static (byte[] Bytes, float[] Rounded) ToF16(float[] values)
    {
        var halves = values.Select(v => (Half)v).ToArray();
        return (MemoryMarshal.AsBytes(halves.AsSpan()).ToArray(), halves.Select(h => (float)h).ToArray());
    }

    /// <summary>GGML Q8_0 bytes (per 32 values: f16 scale = max|x|/127, int8 round(x/scale)) and the values they decode to.</summary>
    public static (byte[] Bytes, float[] Decoded) ToQ8(float[] values)
    {
        var blocks = values.Length / 32;
        var bytes = new byte[blocks * 34];
        var decoded = new float[values.Length];
        for (var b = 0; b < blocks; b++)
        {
            var max = 0f;
            for (var j = 0; j < 32; j++) max = Math.Max(max, Math.Abs(values[b * 32 + j]));
            var scale = (Half)(max / 127f);
            BitConverter.TryWriteBytes(bytes.AsSpan(b * 34, 2), BitConverter.HalfToUInt16Bits(scale));
            var inverse = (float)scale == 0 ? 0 : 1f / (float)scale;
            for (var j = 0; j < 32; j++)
            {
                var q = (sbyte)Math.Clamp(MathF.Round(values[b * 32 + j] * inverse), -127, 127);
                bytes[b * 34 + 2 + j] = (byte)q;
                decoded[b * 32 + j] = (float)scale * q;
            }
        }
        return (bytes, decoded);
    }

    /// <summary>A random permutation of <c>0..count-1</c> (block ids scattered across the pool).</summary>
    public static int[] Permutation(Random random, int count)
    {
        var ids = Enumerable.Range(0, count).ToArray();
        random.Shuffle(ids);
        return ids;
    }
}
