using System.Runtime.InteropServices;
using Pipeline.Engine;
using Pipeline.Kernels;
using Pipeline.Plans;

namespace Pipeline.Benchmarks.Gpu;

/// <summary>
/// Random weights for throughput runs, fast enough for a billion parameters (hash-based and parallel, unlike
/// <see cref="RandomWeightsGenerator"/>'s sequential Gaussians): uniform values with the same variance, 1/fan_in.
/// Deterministic by seed; only for timing (parity uses <see cref="RandomWeightsGenerator"/>).
/// </summary>
internal static class SyntheticWeights
{
    /// <summary>A model of <paramref name="a"/>'s shape with matrices in f16 when its weight type is F16, else f32.</summary>
    public static ModelWeights Model(ModelArchitecture a, int seed)
    {
        var format = a.WeightType == DType.F16 ? WeightFormat.F16 : WeightFormat.F32;
        var next = seed * 1000;
        HostMatrix M(int rows, int cols) => Matrix(format, rows, cols, next++);
        float[] Norm() => Enumerable.Repeat(1f, a.Hidden).ToArray();
        var layers = Enumerable.Range(0, a.Layers).Select(_ => new LayerWeights(Norm(), M(a.Hidden, a.Hidden), M(a.KvDim, a.Hidden),
            M(a.KvDim, a.Hidden), M(a.Hidden, a.Hidden), Norm(), M(a.FfnHidden, a.Hidden), M(a.FfnHidden, a.Hidden), M(a.Hidden, a.FfnHidden))).ToList();
        return new ModelWeights(a, M(a.Vocab, a.Hidden), layers, Norm(), M(a.Vocab, a.Hidden));
    }

    /// <summary>A <paramref name="rows"/> x <paramref name="cols"/> matrix in <paramref name="format"/>.</summary>
    public static HostMatrix Matrix(WeightFormat format, int rows, int cols, int seed)
    {
        var count = (long)rows * cols;
        var scale = (float)Math.Sqrt(3.0 / cols);
        switch (format)
        {
            case WeightFormat.F16:
            {
                var halves = new Half[count];
                Parallel.For(0, rows, r =>
                {
                    for (var c = 0; c < cols; c++) halves[(long)r * cols + c] = (Half)(Uniform(seed, (long)r * cols + c) * scale);
                });
                return new HostMatrix(rows, cols, format, MemoryMarshal.AsBytes(halves.AsSpan()).ToArray());
            }
            case WeightFormat.Q8_0:
            {
                // Per block of 32: an f16 scale, then 32 int8 quants.
                var blocks = count / HostMatrixDecoding.Q8BlockValues;
                var bytes = new byte[blocks * HostMatrixDecoding.Q8BlockBytes];
                var halfScale = BitConverter.HalfToUInt16Bits((Half)(scale / 127f));
                Parallel.For(0L, blocks, b =>
                {
                    var at = b * HostMatrixDecoding.Q8BlockBytes;
                    BitConverter.TryWriteBytes(bytes.AsSpan((int)at, 2), halfScale);
                    for (var j = 0; j < HostMatrixDecoding.Q8BlockValues; j++) bytes[at + 2 + j] = (byte)(sbyte)(Uniform(seed, b * 32 + j) * 127);
                });
                return new HostMatrix(rows, cols, format, bytes);
            }
            default:
            {
                var values = new float[count];
                Parallel.For(0, rows, r =>
                {
                    for (var c = 0; c < cols; c++) values[(long)r * cols + c] = Uniform(seed, (long)r * cols + c) * scale;
                });
                return HostMatrix.FromFloats(rows, cols, values);
            }
        }
    }

    /// <summary>A value in [-1, 1) from a 64-bit mix of (seed, index) (SplitMix64's finaliser).</summary>
    public static float Uniform(int seed, long index)
    {
        var z = (ulong)index + 0x9E3779B97F4A7C15UL * (ulong)(seed + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133AE111UL;
        z ^= z >> 31;
        return (float)((z >> 40) * (1.0 / (1UL << 24)) * 2 - 1);
    }
}
