using Pipeline.Kernels;
using Pipeline.Kernels.Cpu;
using static Pipeline.Kernels.Tests.CpuTestData;

namespace Pipeline.Kernels.Tests;

/// <summary>The fast CPU backend's per-element and per-row operations against scalar references.</summary>
public sealed class CpuOperationTests : IDisposable
{
    private readonly CpuKernelBackend _backend = new(threads: 2);

    public void Dispose() => _backend.Dispose();

    [Fact]
    public void Device_name_states_backend_instruction_set_and_threads()
    {
        _backend.DeviceName.Should().MatchRegex(@"^cpu \(fast SIMD backend, (AVX-512|AVX2|SSE/NEON|scalar), 2 threads\)$");
        _backend.Threads.Should().Be(2);
    }

    [Fact]
    public void Upload_and_download_round_trip_and_allocate_zeroes()
    {
        using var t = _backend.Allocate(10);
        Download(_backend, t, 10).Should().AllBeEquivalentTo(0f);
        _backend.Upload(new float[] { 1, 2, 3 }, t);
        Download(_backend, t, 4).Should().Equal(1, 2, 3, 0);
    }

    [Theory]
    [InlineData(WeightFormat.F32)]
    [InlineData(WeightFormat.F16)]
    [InlineData(WeightFormat.Q8_0)]
    public void Embed_copies_the_table_rows_of_each_token(WeightFormat format)
    {
        var (host, represented) = Encode(5, 64, Random(5 * 64, 3), format);
        using var table = _backend.UploadMatrix(host);
        using var output = _backend.Allocate(3 * 64);
        _backend.Embed(new[] { 4, 0, 4 }, table, output);
        var actual = Download(_backend, output, 3 * 64);
        actual[..64].Should().Equal(represented[(4 * 64)..(5 * 64)]);
        actual[64..128].Should().Equal(represented[..64]);
        actual[128..].Should().Equal(represented[(4 * 64)..(5 * 64)]);
    }

    [Fact]
    public void RmsNorm_scales_each_row_by_its_root_mean_square_then_the_weight()
    {
        const int rows = 3, dim = 37;
        var x = Random(rows * dim, 4, 3f);
        var w = Random(dim, 5);
        using var input = Upload(_backend, x);
        using var weight = Upload(_backend, w);
        using var output = _backend.Allocate(rows * dim);
        _backend.RmsNorm(input, weight, output, rows, dim, 1e-5f);
        var actual = Download(_backend, output, rows * dim);
        for (int r = 0; r < rows; r++)
        {
            double ms = 0;
            for (int i = 0; i < dim; i++) ms += (double)x[r * dim + i] * x[r * dim + i];
            double scale = 1 / Math.Sqrt(ms / dim + 1e-5);
            for (int i = 0; i < dim; i++) actual[r * dim + i].Should().BeApproximately((float)(x[r * dim + i] * scale * w[i]), 1e-5f);
        }
    }

    [Fact]
    public void Rope_rotates_adjacent_pairs_by_position_times_frequency()
    {
        const int heads = 2, headDim = 8;
        var x = Random(2 * heads * headDim, 6);
        int[] positions = [0, 5];
        using var t = Upload(_backend, x);
        _backend.Rope(t, positions, heads, headDim, 10000f);
        var actual = Download(_backend, t, x.Length);
        for (int r = 0; r < 2; r++)
            for (int h = 0; h < heads; h++)
                for (int i = 0; i < headDim / 2; i++)
                {
                    int at = r * heads * headDim + h * headDim + 2 * i;
                    double angle = positions[r] * Math.Pow(10000, -2.0 * i / headDim);
                    actual[at].Should().BeApproximately((float)(x[at] * Math.Cos(angle) - x[at + 1] * Math.Sin(angle)), 1e-5f);
                    actual[at + 1].Should().BeApproximately((float)(x[at] * Math.Sin(angle) + x[at + 1] * Math.Cos(angle)), 1e-5f);
                }
        actual[..(heads * headDim)].Should().Equal(x[..(heads * headDim)], "position 0 is the identity");
    }

    [Fact]
    public void SwiGlu_is_silu_of_gate_times_up_and_add_accumulates()
    {
        var g = Random(21, 7, 4f);
        var u = Random(21, 8);
        using var gate = Upload(_backend, g);
        using var up = Upload(_backend, u);
        using var output = _backend.Allocate(21);
        _backend.SwiGlu(gate, up, output, 21);
        var actual = Download(_backend, output, 21);
        for (int i = 0; i < 21; i++) actual[i].Should().BeApproximately((float)(g[i] / (1 + Math.Exp(-g[i])) * u[i]), 1e-5f);
        _backend.Add(up, gate, 20);
        var sum = Download(_backend, up, 21);
        for (int i = 0; i < 20; i++) sum[i].Should().Be(u[i] + g[i]);
        sum[20].Should().Be(u[20], "only the first length elements are added");
    }

    [Fact]
    public void GatherRows_picks_rows_in_the_given_order()
    {
        var x = Random(4 * 3, 9);
        using var input = Upload(_backend, x);
        using var output = _backend.Allocate(2 * 3);
        _backend.GatherRows(input, new[] { 3, 1 }, 3, output);
        Download(_backend, output, 6).Should().Equal(x[9], x[10], x[11], x[3], x[4], x[5]);
    }
}
