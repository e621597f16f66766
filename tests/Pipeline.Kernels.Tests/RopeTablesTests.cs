using Pipeline.Kernels.Cpu;

namespace Pipeline.Kernels.Tests;

public sealed class RopeTablesTests
{
    [Fact]
    public void Tabled_rotations_are_the_computed_ones_bit_for_bit_as_the_table_grows()
    {
        const int heads = 3, headDim = 64;
        var tables = new RopeTables();
        // Within the first table, past it (it grows to the next power of two), and back at the start.
        foreach (var positions in new[] { new[] { 0, 1, 2, 255 }, new[] { 256, 1000, 4095, 7 }, new[] { 3 } })
        {
            var tabled = Rotated(positions, heads, headDim, tables);
            var computed = Rotated(positions, heads, headDim, null);
            tabled.Should().Equal(computed);
            tabled.Should().NotEqual(Input(positions.Length * heads * headDim), "the rotation moved the values");
        }
        tables.For(10000f, headDim, 4095)!.Positions.Should().Be(4096);
    }

    [Fact]
    public void Positions_past_the_table_or_below_zero_are_computed_per_call()
    {
        var tables = new RopeTables();
        tables.For(10000f, 64, RopeTables.MaxTabledPositions).Should().BeNull();
        int[] positions = [-3, RopeTables.MaxTabledPositions + 5];
        Rotated(positions, 1, 64, tables).Should().Equal(Rotated(positions, 1, 64, null));
    }

    private static float[] Input(int length)
    {
        var random = new Random(5);
        return Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    private static float[] Rotated(int[] positions, int heads, int headDim, RopeTables? tables)
    {
        using var x = new CpuTensor(positions.Length * heads * headDim);
        Input(x.Length).CopyTo(x.Span);
        Elementwise.Rope(x, positions, heads, headDim, 10000f, tables);
        return x.Span.ToArray();
    }
}
