using Pipeline.Kernels.Tests.Support;
using static Pipeline.Kernels.Tests.Conformance.ConformanceData;

namespace Pipeline.Kernels.Tests.Conformance;

public abstract partial class KernelConformanceTests
{
    [BackendFact]
    public void Embed_copies_the_rows_of_the_tokens()
    {
        var random = new Random(21);
        int vocab = 37, hidden = 24;
        var table = Floats(random, vocab * hidden);
        int[] tokens = [5, 0, 36, 5, 17];
        using var matrix = Backend.UploadMatrix(HostMatrix.FromFloats(vocab, hidden, table));
        using var output = Poisoned(tokens.Length * hidden);
        Backend.Embed(tokens, matrix, output);
        var expected = tokens.SelectMany(t => table.Skip(t * hidden).Take(hidden)).Select(v => (double)v).ToArray();
        RelativeError(Read(output, expected.Length), expected).Should().Be(0);
    }

    [BackendTheory]
    [InlineData(1, 64)]
    [InlineData(5, 37)]
    public void RmsNorm_matches_reference(int rows, int dim)
    {
        var random = new Random(rows + dim);
        var x = Floats(random, rows * dim, 3);
        var w = Floats(random, dim);
        using var input = Tensor(x);
        using var weight = Tensor(w);
        using var output = Poisoned(rows * dim);
        Backend.RmsNorm(input, weight, output, rows, dim, 1e-5f);
        RelativeError(Read(output, rows * dim), KernelReference.RmsNorm(x, w, rows, dim, 1e-5)).Should().BeLessThanOrEqualTo(Tolerance);
    }

    [BackendTheory]
    [InlineData(1, 64)]
    [InlineData(5, 37)]
    [InlineData(3, 300)]
    public void AddRmsNorm_adds_the_residual_in_place_and_normalises_the_sum(int rows, int dim)
    {
        var random = new Random(rows * 3 + dim);
        var x = Floats(random, rows * dim, 3);
        var r = Floats(random, rows * dim, 2);
        var w = Floats(random, dim);
        using var accumulator = Tensor(x);
        using var addend = Tensor(r);
        using var weight = Tensor(w);
        using var output = Poisoned(rows * dim);
        Backend.AddRmsNorm(accumulator, addend, weight, output, rows, dim, 1e-5f);
        var sum = x.Select((v, i) => v + r[i]).ToArray();
        RelativeError(Read(accumulator, rows * dim), sum.Select(v => (double)v).ToArray()).Should().BeLessThanOrEqualTo(Tolerance);
        RelativeError(Read(output, rows * dim), KernelReference.RmsNorm(sum, w, rows, dim, 1e-5)).Should().BeLessThanOrEqualTo(Tolerance);
    }

    [BackendTheory]
    [InlineData(2, 32, 10000f)]
    [InlineData(4, 64, 10000f)]
    [InlineData(1, 128, 500000f)]
    public void Rope_rotates_adjacent_pairs_like_llama_cpp(int heads, int headDim, float theta)
    {
        var random = new Random(heads * headDim);
        int[] positions = [0, 1, 7, 300, 1023];
        var x = Floats(random, positions.Length * heads * headDim);
        using var tensor = Tensor(x);
        Backend.Rope(tensor, positions, heads, headDim, theta);
        var expected = KernelReference.Rope(x, positions, heads, headDim, theta);
        RelativeError(Read(tensor, x.Length), expected).Should().BeLessThanOrEqualTo(Tolerance);
    }

    [BackendFact]
    public void Rope_at_position_zero_is_the_identity_and_pairs_are_adjacent()
    {
        // Position 1, headDim 4: pair (0,1) rotates by 1 rad, pair (2,3) by theta^(-1/2) rad.
        float[] x = [1, 0, 1, 0, 1, 0, 1, 0];
        using var tensor = Tensor(x);
        Backend.Rope(tensor, [0, 1], 1, 4, 100f);
        var y = Read(tensor, 8);
        y.Take(4).Should().Equal(1, 0, 1, 0);
        y[4].Should().BeApproximately(MathF.Cos(1), 1e-5f);
        y[5].Should().BeApproximately(MathF.Sin(1), 1e-5f);
        y[6].Should().BeApproximately(MathF.Cos(0.1f), 1e-5f);
        y[7].Should().BeApproximately(MathF.Sin(0.1f), 1e-5f);
    }

    [BackendFact]
    public void SwiGlu_and_Add_match_reference()
    {
        var random = new Random(31);
        const int length = 1001;
        var gate = Floats(random, length, 6);
        var up = Floats(random, length, 2);
        using var g = Tensor(gate);
        using var u = Tensor(up);
        using var output = Poisoned(length);
        Backend.SwiGlu(g, u, output, length);
        RelativeError(Read(output, length), KernelReference.SwiGlu(gate, up)).Should().BeLessThanOrEqualTo(Tolerance);

        Backend.Add(g, u, length);
        RelativeError(Read(g, length), gate.Select((v, i) => (double)v + up[i]).ToArray()).Should().BeLessThanOrEqualTo(Tolerance);
    }

    [BackendFact]
    public void SwiGlu_may_write_in_place_over_its_gate()
    {
        var gate = Floats(new Random(32), 50, 4);
        var up = Floats(new Random(33), 50, 4);
        using var g = Tensor(gate);
        using var u = Tensor(up);
        Backend.SwiGlu(g, u, g, 50);
        RelativeError(Read(g, 50), KernelReference.SwiGlu(gate, up)).Should().BeLessThanOrEqualTo(Tolerance);
    }

    [BackendFact]
    public void GatherRows_picks_the_requested_rows_in_order()
    {
        var x = Floats(new Random(41), 6 * 13);
        int[] rows = [5, 0, 3, 3];
        using var input = Tensor(x);
        using var output = Poisoned(rows.Length * 13);
        Backend.GatherRows(input, rows, 13, output);
        var expected = rows.SelectMany(r => x.Skip(r * 13).Take(13)).Select(v => (double)v).ToArray();
        RelativeError(Read(output, expected.Length), expected).Should().Be(0);
    }
}
