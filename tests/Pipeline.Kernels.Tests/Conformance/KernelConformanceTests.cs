using Pipeline.Kernels.Tests.Support;
using System.Collections.Concurrent;
using static Pipeline.Kernels.Tests.Conformance.ConformanceData;

namespace Pipeline.Kernels.Tests.Conformance;

/// <summary>
/// Every <see cref="IKernelBackend"/> operation against <see cref="KernelReference"/> (double precision) on fresh
/// seeded random inputs, at sizes that are not multiples of any tile. Outputs are poisoned with NaN first so an
/// element a kernel forgets to write fails the test. Subclass once per backend and implement
/// <see cref="CreateBackend"/>; the backend is created once per subclass and shared by its tests.
/// </summary>
public abstract partial class KernelConformanceTests
{
    /// <summary>Normwise relative error allowed for f32 kernels.</summary>
    protected const double Tolerance = 1e-4;

    private static readonly ConcurrentDictionary<Type, IKernelBackend> Backends = new();

    /// <summary>Creates the backend under test (called once per subclass).</summary>
    protected abstract IKernelBackend CreateBackend();

    /// <summary>The shared backend of this subclass.</summary>
    protected IKernelBackend Backend => Backends.GetOrAdd(GetType(), _ => CreateBackend());

    /// <summary>Allocates a tensor filled with NaN.</summary>
    protected DeviceTensor Poisoned(int length)
    {
        var tensor = Backend.Allocate(length);
        Backend.Upload(Enumerable.Repeat(float.NaN, length).ToArray(), tensor);
        return tensor;
    }

    /// <summary>Allocates and uploads.</summary>
    protected DeviceTensor Tensor(float[] values)
    {
        var tensor = Backend.Allocate(values.Length);
        Backend.Upload(values, tensor);
        return tensor;
    }

    /// <summary>Downloads a whole tensor.</summary>
    protected float[] Read(DeviceTensor tensor, int length)
    {
        var values = new float[length];
        Backend.Download(tensor, values);
        return values;
    }

    [BackendTheory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 17, 5)]
    [InlineData(17, 33, 19)]
    [InlineData(40, 64, 48)]
    [InlineData(5, 130, 70)]
    public void Gemm_matches_reference_at_sizes_that_are_not_tile_multiples(int rows, int k, int n) =>
        CheckProduct(useGemv: false, rows, k, n, seed: rows * 1000 + k + n);

    [BackendTheory]
    [InlineData(1, 64, 96)]
    [InlineData(3, 17, 5)]
    [InlineData(8, 40, 33)]
    [InlineData(9, 72, 31)]
    [InlineData(17, 130, 20)]
    public void Gemv_matches_reference_for_every_batch_size(int rows, int k, int n) =>
        CheckProduct(useGemv: true, rows, k, n, seed: rows * 7 + k * 3 + n);

    [BackendTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void F16_weights_multiply_as_their_rounded_values(bool useGemv)
    {
        var random = new Random(11);
        int rows = 6, k = 64, n = 23;
        var (bytes, rounded) = ToF16(Floats(random, n * k));
        CheckProductWith(useGemv, rows, k, n, random, new HostMatrix(n, k, WeightFormat.F16, bytes), rounded);
    }

    [BackendTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Q8_0_weights_multiply_as_their_decoded_values(bool useGemv)
    {
        var random = new Random(12);
        int rows = 5, k = 96, n = 21;
        var (bytes, decoded) = ToQ8(Floats(random, n * k));
        CheckProductWith(useGemv, rows, k, n, random, new HostMatrix(n, k, WeightFormat.Q8_0, bytes), decoded);
    }

    private void CheckProduct(bool useGemv, int rows, int k, int n, int seed)
    {
        var random = new Random(seed);
        var weights = Floats(random, n * k);
        CheckProductWith(useGemv, rows, k, n, random, HostMatrix.FromFloats(n, k, weights), weights);
    }

    /// <summary>The activations a backend's product effectively sees for <paramref name="format"/> weights (the fast CPU backend quantises them for Q8_0).</summary>
    protected virtual float[] EffectiveActivations(WeightFormat format, float[] x) => x;

    private void CheckProductWith(bool useGemv, int rows, int k, int n, Random random, HostMatrix matrix, float[] effective)
    {
        var x = Floats(random, rows * k);
        using var input = Tensor(x);
        using var weight = Backend.UploadMatrix(matrix);
        using var output = Poisoned(rows * n);
        if (useGemv) Backend.Gemv(input, rows, weight, output);
        else Backend.Gemm(input, rows, weight, output);
        var expected = KernelReference.MatMul(EffectiveActivations(matrix.Format, x), rows, effective, n, k);
        RelativeError(Read(output, rows * n), expected).Should().BeLessThanOrEqualTo(Tolerance);
        (weight.Rows, weight.Cols).Should().Be((n, k));
    }
}
