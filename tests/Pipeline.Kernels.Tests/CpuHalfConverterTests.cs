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
    [Fact]
    public unsafe void The_normal_widening_with_its_zero_exponent_fixups_gives_every_finite_half_exactly()
    {
        // Every finite half once, then normal values until zeros and subnormals (2,048 of them) are under the share limit.
        var finite = Enumerable.Range(0, 65536).Where(i => (i & 0x7C00) != 0x7C00).Select(i => (ushort)i).ToList();
        int cols = 1000; // not a multiple of 32: each row ends in a scalar tail
        while (finite.Count % cols != 0 || 2048 > finite.Count * ZeroExponentHalves.MaxShare) finite.Add(0x3C00);
        var bits = finite.ToArray();
        int rows = bits.Length / cols;

        var zeroExponents = ZeroExponentHalves.Find(bits, rows, cols);

        zeroExponents.Should().NotBeNull();
        zeroExponents!.Count.Should().Be(2048);
        var widened = new float[bits.Length];
        fixed (ushort* source = bits)
        fixed (float* destination = widened)
        {
            HalfConverter.ToSingle<NormalWidening>((Half*)source, destination, bits.Length);
            zeroExponents.Correct(0, rows, cols, destination);
        }
        for (int i = 0; i < bits.Length; i++)
        {
            BitConverter.SingleToInt32Bits(widened[i]).Should().Be(BitConverter.SingleToInt32Bits((float)BitConverter.UInt16BitsToHalf(bits[i])),
                $"half 0x{bits[i]:X4}");
        }
    }

    [Fact]
    public void A_matrix_mostly_of_zeros_builds_no_fixups()
    {
        var bits = new ushort[64 * 64];
        for (int i = 0; i < bits.Length; i += 8) bits[i] = 0x3C00;

        ZeroExponentHalves.Find(bits, 64, 64).Should().BeNull("seven zeros in eight cost more to fix up than to widen exactly");
    }

    [Theory]
    [InlineData(1, 0.002)] // fused batch-1 dot products, normal widening and fix-ups
    [InlineData(3, 0.002)] // rows widened (normal widening, corrected) to a panel
    [InlineData(16, 0.002)] // packed outer-product kernels
    [InlineData(1, 0.3)] // 30% of the weights zero, 30% subnormal: the exact finite widening
    public unsafe void Products_over_weights_holding_zeros_and_subnormals_match_a_double_reference(int batch, double zeroShare)
    {
        if (!System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated) return; // the fix-ups are built for the 512-bit kernels only
        const int rows = 38, cols = 200; // 38: two rows past the last four
        var random = new Random(11);
        var weights = new Half[rows * cols];
        for (int i = 0; i < weights.Length; i++)
        {
            double u = random.NextDouble();
            weights[i] = u < zeroShare ? (random.Next(2) == 0 ? Half.Zero : Half.NegativeZero)
                : u < 2 * zeroShare ? BitConverter.UInt16BitsToHalf((ushort)(random.Next(1, 1024) | (random.Next(2) << 15))) // subnormal
                : (Half)((random.NextDouble() - 0.5) * 0.1);
        }
        var bytes = new byte[weights.Length * 2];
        Buffer.BlockCopy(weights.Select(BitConverter.HalfToUInt16Bits).ToArray(), 0, bytes, 0, bytes.Length);
        var activations = Enumerable.Range(0, batch * cols).Select(_ => (float)(random.NextDouble() - 0.5) * 1e4f).ToArray();
        using var backend = new CpuKernelBackend(2);
        using var matrix = backend.UploadMatrix(new HostMatrix(rows, cols, WeightFormat.F16, bytes));
        using var x = backend.Allocate(batch * cols);
        using var y = backend.Allocate(batch * rows);
        backend.Upload(activations, x);

        backend.Gemv(x, batch, matrix, y);

        ((CpuMatrix)matrix).F16ZeroExponents.Should().Match(f => zeroShare < ZeroExponentHalves.MaxShare ? f != null : f == null);
        var result = new float[batch * rows];
        backend.Download(y, result);
        for (int b = 0; b < batch; b++)
            for (int j = 0; j < rows; j++)
            {
                double expected = 0, magnitude = 0;
                for (int p = 0; p < cols; p++)
                {
                    double term = activations[b * cols + p] * (double)weights[j * cols + p];
                    expected += term;
                    magnitude += Math.Abs(term);
                }
                result[b * rows + j].Should().BeApproximately((float)expected, (float)(magnitude * 1e-6), $"batch row {b}, weight row {j}");
            }
    }
}
