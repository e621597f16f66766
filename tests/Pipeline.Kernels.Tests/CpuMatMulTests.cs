using Pipeline.Kernels;
using Pipeline.Kernels.Cpu;
using static Pipeline.Kernels.Tests.CpuTestData;

namespace Pipeline.Kernels.Tests;

/// <summary>The fast CPU backend's GEMM and GEMV against a double-precision reference, in every weight format and at odd sizes.</summary>
public sealed class CpuMatMulTests : IDisposable
{
    private readonly CpuKernelBackend _backend = new(threads: 2);

    public void Dispose() => _backend.Dispose();

    [Theory]
    [InlineData(1, 7, 33)]      // fewer weight rows than a 4-row tile, K tail
    [InlineData(1, 64, 1024)]   // batch-1 decode
    [InlineData(3, 8, 64)]      // batch under a 4-row tile
    [InlineData(5, 13, 47)]     // every remainder at once
    [InlineData(9, 30, 100)]    // a decode batch in a half-empty 16-wide panel
    [InlineData(16, 64, 160)]   // batch-16 decode
    [InlineData(37, 70, 129)]   // prefill with ragged tiles
    [InlineData(64, 256, 256)]  // prefill big enough to split over threads
    public void Gemm_and_gemv_match_the_reference_for_f32_weights(int m, int n, int k) =>
        AssertProduct(m, n, k, WeightFormat.F32, tolerance: 1e-4);

    [Theory]
    [InlineData(1, 9, 96)]
    [InlineData(1, 7, 50)]      // fused batch-1 path: K tail and a weight-row remainder
    [InlineData(4, 36, 64)]
    [InlineData(19, 70, 200)]
    public void F16_weights_are_widened_exactly(int m, int n, int k) =>
        AssertProduct(m, n, k, WeightFormat.F16, tolerance: 1e-4);

    [Theory]
    [InlineData(1, 5, 32)]
    [InlineData(7, 36, 96)]
    [InlineData(12, 25, 64)]
    [InlineData(33, 70, 256)]
    public void Q8_0_weights_multiply_quantised_activations_per_block(int m, int n, int k) =>
        AssertProduct(m, n, k, WeightFormat.Q8_0, tolerance: 1e-4);

    [Fact]
    public void Stored_bytes_follow_the_kept_format()
    {
        var values = Random(64 * 64, 1);
        using var f32 = _backend.UploadMatrix(Encode(64, 64, values, WeightFormat.F32).Matrix);
        using var f16 = _backend.UploadMatrix(Encode(64, 64, values, WeightFormat.F16).Matrix);
        using var q8 = _backend.UploadMatrix(Encode(64, 64, values, WeightFormat.Q8_0).Matrix);
        f32.StoredBytes.Should().Be(64 * 64 * 4);
        f16.StoredBytes.Should().Be(64 * 64 * 2);
        q8.StoredBytes.Should().Be(64 * 64 + 64 * 2 * 4, "int8 values plus one f32 scale per 32");
    }

    [Fact]
    public void Q8_0_needs_whole_blocks_per_row()
    {
        var act = () => _backend.UploadMatrix(new HostMatrix(2, 40, WeightFormat.Q8_0, new byte[2 * 34 * 2]));
        act.Should().Throw<ArgumentException>().WithMessage("*divisible by 32*");
    }

    [Fact]
    public void A_too_small_output_is_rejected()
    {
        using var w = _backend.UploadMatrix(HostMatrix.FromFloats(8, 4, Random(32, 2)));
        using var x = _backend.Allocate(8);
        using var y = _backend.Allocate(15);
        var act = () => _backend.Gemv(x, 2, w, y);
        act.Should().Throw<ArgumentException>();
    }

    private void AssertProduct(int m, int n, int k, WeightFormat format, double tolerance)
    {
        var x = Random(m * k, seed: m * 1000 + k);
        var (host, represented) = Encode(n, k, Random(n * k, seed: n * 7 + k), format);
        // Quantised weights multiply 8-bit activations, as in llama.cpp (CpuIntDotTests covers that in depth).
        var expected = MatMul(format == WeightFormat.Q8_0 ? ActivationQuantization.Q8_0(x) : x, m, represented, n, k);
        using var weight = _backend.UploadMatrix(host);
        using var input = Upload(_backend, x);
        foreach (var gemm in new[] { true, false })
        {
            using var output = _backend.Allocate(m * n);
            if (gemm) _backend.Gemm(input, m, weight, output);
            else _backend.Gemv(input, m, weight, output);
            var actual = Download(_backend, output, m * n);
            for (int i = 0; i < actual.Length; i++)
                actual[i].Should().BeApproximately((float)expected[i], (float)(tolerance * Math.Sqrt(k) * 4), $"{(gemm ? "GEMM" : "GEMV")} element {i} ({i / n}, {i % n})");
        }
    }
}
