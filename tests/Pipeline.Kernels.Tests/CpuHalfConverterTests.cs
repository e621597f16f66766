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

    [Fact]
    public void The_256_bit_widening_without_avx512_matches_the_runtime_bit_for_bit()
    {
        // The path of CPUs without AVX-512, called directly: this machine takes the 512-bit one through ToSingle.
        for (int i = 0; i < 65536; i += 8)
        {
            var bits = System.Runtime.Intrinsics.Vector256.Create((uint)i) + System.Runtime.Intrinsics.Vector256.Create(0u, 1, 2, 3, 4, 5, 6, 7);
            var widened = HalfConverter.Widen(bits);
            for (int l = 0; l < 8; l++)
            {
                float expected = (float)BitConverter.UInt16BitsToHalf((ushort)(i + l));
                if (float.IsNaN(expected)) float.IsNaN(widened[l]).Should().BeTrue($"half 0x{i + l:X4} is NaN");
                else BitConverter.SingleToInt32Bits(widened[l]).Should().Be(BitConverter.SingleToInt32Bits(expected), $"half 0x{i + l:X4}");
            }
        }
    }

    [Fact]
    public unsafe void The_block_scale_widening_of_the_quantised_kernels_matches_the_runtime_bit_for_bit()
    {
        // WeightRowUnpacker.F16 (a k-quant block's d and dmin) has no call on any path, Inf and NaN included.
        ushort bits;
        for (int i = 0; i < 65536; i++)
        {
            bits = (ushort)i;
            float expected = (float)BitConverter.UInt16BitsToHalf(bits);
            BitConverter.SingleToInt32Bits(Pipeline.Kernels.Cpu.Quantized.WeightRowUnpacker.F16((byte*)&bits))
                .Should().Be(BitConverter.SingleToInt32Bits(expected), $"half 0x{i:X4}");
        }
    }

    [Fact]
    public void The_finite_fast_path_widens_every_finite_half_exactly()
    {
        var halves = Enumerable.Range(0, 65536).Where(i => (i & 0x7C00) != 0x7C00)
            .Select(i => BitConverter.UInt16BitsToHalf((ushort)i)).Append(Half.One).ToArray(); // odd length: a tail
        var floats = new float[halves.Length];
        HalfConverter.ToSingleFinite(halves, floats);
        for (int i = 0; i < halves.Length; i++)
        {
            BitConverter.SingleToInt32Bits(floats[i]).Should().Be(BitConverter.SingleToInt32Bits((float)halves[i]),
                $"half 0x{BitConverter.HalfToUInt16Bits(halves[i]):X4}");
        }
    }

    [Theory]
    [InlineData(1)]  // fused batch-1 dot product
    [InlineData(3)]  // rows widened to a panel
    public void Weights_holding_infinity_take_the_exact_path(int batch)
    {
        using var backend = new CpuKernelBackend(1);
        var weights = new Half[8 * 32];
        for (int i = 0; i < weights.Length; i++) weights[i] = (Half)((i % 7 - 3) * 0.25f);
        weights[5 * 32 + 3] = Half.PositiveInfinity;
        var bytes = new byte[weights.Length * 2];
        Buffer.BlockCopy(weights.Select(BitConverter.HalfToUInt16Bits).ToArray(), 0, bytes, 0, bytes.Length);
        using var matrix = backend.UploadMatrix(new HostMatrix(8, 32, WeightFormat.F16, bytes));
        using var x = backend.Allocate(batch * 32);
        using var y = backend.Allocate(batch * 8);
        backend.Upload(Enumerable.Repeat(1f, batch * 32).ToArray(), x);

        backend.Gemv(x, batch, matrix, y);

        var result = new float[batch * 8];
        backend.Download(y, result);
        for (int b = 0; b < batch; b++)
        {
            float.IsPositiveInfinity(result[b * 8 + 5]).Should().BeTrue("an Inf weight times a positive activation is +Inf");
            result[b * 8 + 4].Should().BeApproximately(Enumerable.Range(4 * 32, 32).Sum(i => (float)weights[i]), 1e-4f);
        }
    }
}
