using Pipeline.Kernels.Cpu;

namespace Pipeline.Kernels.Tests;

/// <summary>The SIMD f16 widening used for f16 weights is exact for every one of the 65,536 half values.</summary>
public sealed class CpuHalfConverterTests
{
    [Fact]
    public void Every_half_value_widens_to_the_same_float_as_the_runtime()
    {
        var halves = new Half[65536 + 7]; // a tail past the vector width
        for (int i = 0; i < halves.Length; i++) halves[i] = BitConverter.UInt16BitsToHalf((ushort)(i % 65536));
        var floats = new float[halves.Length];
        HalfConverter.ToSingle(halves, floats);
        for (int i = 0; i < halves.Length; i++)
        {
            float expected = (float)halves[i];
            if (float.IsNaN(expected)) float.IsNaN(floats[i]).Should().BeTrue($"half 0x{i:X4} is NaN");
            else BitConverter.SingleToInt32Bits(floats[i]).Should().Be(BitConverter.SingleToInt32Bits(expected), $"half 0x{i % 65536:X4}");
        }
    }
}
