using Pipeline.Kernels.Cpu;
using Pipeline.Kernels.Cpu.Quantized;
using static Pipeline.Kernels.Tests.CpuTestData;

namespace Pipeline.Kernels.Tests;

/// <summary>
/// The integer dot products of quantised weights (<see cref="QuantizedMatMul"/>) on every path this CPU supports
/// (cases exist only for supported paths; this machine has AVX2 and AVX-VNNI):
/// each against the scalar path on the same data, against the exact product of the dequantised weights with the
/// quantised activations (within f32 rounding), and against the product with the unquantised f32 activations
/// (within the bound activation quantisation allows).
/// </summary>
public sealed unsafe class CpuIntDotTests : IDisposable
{
    private readonly WorkerPool _pool = new(2);

    public void Dispose() => _pool.Dispose();

    public static TheoryData<WeightFormat, string, int> Cases()
    {
        var data = new TheoryData<WeightFormat, string, int>();
        foreach (var format in new[] { WeightFormat.Q8_0, WeightFormat.Q4_0, WeightFormat.Q4_K, WeightFormat.Q5_K, WeightFormat.Q6_K })
            foreach (var path in Enum.GetValues<IntDotPath>().Where(IntDotPaths.IsSupported).Select(p => p.ToString()))
                foreach (var m in new[] { 1, 3, 12, 16 })
                    data.Add(format, path, m);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_path_multiplies_the_dequantised_weights_by_the_quantised_activations(WeightFormat format, string pathName, int m)
    {
        var path = Enum.Parse<IntDotPath>(pathName);
        // 17 blocks of 32 leave a 32-value tail after the 64-value steps; k-quant rows are whole 256-value super-blocks.
        int n = 13, k = WeightRowUnpacker.SuperBlocks(format) ? 512 : 544;
        var host = new HostMatrix(n, k, format, RandomBlocks(format, n, k, seed: (int)format));
        var w = host.ToFloats();
        var x = Random(m * k, seed: m);
        var xq = WeightRowUnpacker.SuperBlocks(format) ? ActivationQuantization.Q8_K(x) : ActivationQuantization.Q8_0(x);

        var actual = Run(host, x, m, path);
        var scalar = Run(host, x, m, IntDotPath.Scalar);

        Error(actual, MatMul(xq, m, w, n, k)).Should().BeLessThan(1e-5, "the integer product is exact up to f32 rounding");
        Error(actual, scalar.Select(v => (double)v).ToArray()).Should().BeLessThan(1e-5, "every path computes the same sums");
        Error(actual, MatMul(x, m, w, n, k)).Should().BeLessThan(2e-2, "8-bit activations cost under 1/127 of each block's largest value");
    }

    [Fact]
    public void Decode_through_the_backend_takes_the_integer_path()
    {
        const int n = 8, k = 256;
        var host = new HostMatrix(n, k, WeightFormat.Q4_K, RandomBlocks(WeightFormat.Q4_K, n, k, seed: 4));
        var x = Random(2 * k, seed: 9);
        using var backend = new CpuKernelBackend(threads: 2);
        using var weight = backend.UploadMatrix(host);
        using var input = Upload(backend, x);
        using var output = backend.Allocate(2 * n);
        backend.Gemv(input, 2, weight, output);

        var actual = Download(backend, output, 2 * n);
        Error(actual, MatMul(ActivationQuantization.Q8_K(x), 2, host.ToFloats(), n, k)).Should().BeLessThan(1e-5);
    }

    [Theory]
    [InlineData(WeightFormat.Q4_0, 18 * 8)]
    [InlineData(WeightFormat.Q4_K, 144)]
    [InlineData(WeightFormat.Q5_K, 176)]
    [InlineData(WeightFormat.Q6_K, 210)]
    public void Blocks_are_kept_as_stored_so_a_step_streams_the_file_bytes(WeightFormat format, int bytesPer256)
    {
        using var backend = new CpuKernelBackend(threads: 1);
        using var weight = backend.UploadMatrix(new HostMatrix(3, 512, format, RandomBlocks(format, 3, 512, seed: 1)));
        weight.StoredBytes.Should().Be(3 * 2 * bytesPer256);
    }

    [Fact]
    public void A_k_quant_row_must_be_whole_super_blocks()
    {
        using var backend = new CpuKernelBackend(threads: 1);
        var act = () => backend.UploadMatrix(new HostMatrix(2, 288, WeightFormat.Q4_K, new byte[2 * 144 * 2]));
        act.Should().Throw<ArgumentException>().WithMessage("*divisible by 256*");
    }

    [Theory]
    [InlineData(WeightFormat.Q4_K)]
    [InlineData(WeightFormat.Q6_K)]
    [InlineData(WeightFormat.Q8_0)]
    public void Eight_rows_at_once_give_each_row_the_sums_of_four_at_once(WeightFormat format)
    {
        if (!IntDotPaths.IsSupported(IntDotPath.Avx512)) return; // the eight-row kernels need AVX-512BW
        const int n = 13, k = 512;
        var host = new HostMatrix(n, k, format, RandomBlocks(format, n, k, seed: 21));
        var x = Random(11 * k, seed: 22);

        // 11 rows: one pass of eight (the new kernel), then three single rows; the first four alone take the four-row kernel.
        var eleven = Run(host, x, 11, IntDotPath.Avx512);
        var four = Run(host, x[..(4 * k)], 4, IntDotPath.Avx512);
        var single = Enumerable.Range(0, 11).Select(i => Run(host, x[(i * k)..((i + 1) * k)], 1, IntDotPath.Avx512)).ToArray();

        eleven[..(4 * n)].Should().Equal(four, "rows 0-3 sum the same products in the same order in both kernels");
        for (var i = 0; i < 11; i++)
            Error(eleven[(i * n)..((i + 1) * n)], single[i].Select(v => (double)v).ToArray()).Should().BeLessThan(1e-6, $"row {i} is its own activation row's product");
    }

    private float[] Run(HostMatrix host, float[] x, int m, IntDotPath path)
    {
        var weight = CpuMatrix.Upload(host);
        var c = new float[m * host.Rows];
        fixed (float* a = x, pc = c) QuantizedMatMul.Run(_pool, a, m, weight, pc, path);
        return c;
    }

    /// <summary>Max |a - e| / max |e|.</summary>
    private static double Error(float[] actual, double[] expected)
    {
        double diff = 0, scale = 1e-30;
        for (var i = 0; i < expected.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        return diff / scale;
    }

    /// <summary>Random blocks whose f16 fields are small finite halves (random bits elsewhere: every nibble, high bit, scale and min).</summary>
    private static byte[] RandomBlocks(WeightFormat format, int rows, int cols, int seed)
    {
        var random = new System.Random(seed);
        int values = WeightBlocks.Values(format), size = WeightBlocks.Bytes(format), blocks = rows * cols / values;
        var bytes = new byte[blocks * size];
        random.NextBytes(bytes);
        int[] halves = format switch { WeightFormat.Q4_K or WeightFormat.Q5_K => [0, 2], WeightFormat.Q6_K => [208], _ => [0] };
        for (var b = 0; b < blocks; b++)
            foreach (var offset in halves)
                BitConverter.TryWriteBytes(bytes.AsSpan(b * size + offset, 2), (Half)(random.NextSingle() * 0.02f + 0.001f));
        return bytes;
    }
}
