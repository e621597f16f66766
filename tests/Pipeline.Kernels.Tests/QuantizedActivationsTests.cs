using Pipeline.Kernels.Cpu.Quantized;

namespace Pipeline.Kernels.Tests;

public sealed unsafe class QuantizedActivationsTests
{
    public static TheoryData<bool> Layouts => new() { true, false };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void The_vectorised_rows_match_the_scalar_reference_bit_for_bit(bool superBlocks)
    {
        if (!System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated) return; // one path only: nothing to compare
        const int rows = 9, k = 1024;
        var x = Rows(rows, k);
        var vectorised = Snapshot(x, rows, k, superBlocks, scalar: false);
        var reference = Snapshot(x, rows, k, superBlocks, scalar: true);

        vectorised.Values.Should().Equal(reference.Values);
        vectorised.Scales.Should().Equal(reference.Scales);
        vectorised.IntSums.Should().Equal(reference.IntSums);
        vectorised.Sums.Should().Equal(reference.Sums);
        reference.Values.Should().Contain(v => v != 0);
    }

    // Random values, plus the cases the reference decides one way: an all-zero block, exact halves after scaling,
    // the largest magnitude twice with opposite signs (the first one's sign wins), a negative extreme.
    private static float[] Rows(int rows, int k)
    {
        var random = new Random(11);
        var x = new float[rows * k];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 2 - 1) * (1 + i % 7);
        Array.Clear(x, 0, 256);
        for (int j = 256; j < 512; j++) x[j] = (j % 5 - 2) * 0.5f; // multiples of 0.5 against a largest of 1: halves after x127
        x[512 + 40] = 9f;
        x[512 + 41] = -9f;
        x[1024 + 3] = -20f;
        return x;
    }

    private static (sbyte[] Values, float[] Scales, int[] IntSums, float[] Sums) Snapshot(float[] x, int rows, int k, bool superBlocks, bool scalar)
    {
        QuantizedActivations.UseScalar = scalar;
        try
        {
            fixed (float* p = x)
            {
                var a = QuantizedActivations.Quantize(p, rows, k, superBlocks);
                return (new ReadOnlySpan<sbyte>(a.Values(0), rows * k).ToArray(), new ReadOnlySpan<float>(a.Scales4(0), rows * k / 4).ToArray(),
                    new ReadOnlySpan<int>(a.IntSums16(0), rows * k / 16).ToArray(), new ReadOnlySpan<float>(a.Sums16(0), rows * k / 16).ToArray());
            }
        }
        finally
        {
            QuantizedActivations.UseScalar = false;
        }
    }
}
