using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>
/// Tiny kernels of its own that measure the accelerator an <see cref="IlgpuKernelBackend"/> runs on: copy bandwidth
/// (every byte read once and written once), read-only bandwidth (every byte read once, one float written per thread)
/// and f32 FMA throughput (independent FMA chains in registers). Each figure is the best of several timed launches
/// after a warm-up; the caller chooses the sizes (large on a GPU, small on the CPU accelerator).
/// </summary>
public sealed class IlgpuDeviceProbe
{
    private const int Chains = 4;
    private readonly Accelerator _accelerator;

    internal IlgpuDeviceProbe(Accelerator accelerator) => _accelerator = accelerator;

    /// <summary>Bytes per second moved by a device-to-device copy of <paramref name="floats"/> floats (read + write counted).</summary>
    public double CopyBytesPerSecond(long floats, int repetitions)
    {
        using var source = _accelerator.Allocate1D<float>(floats);
        using var target = _accelerator.Allocate1D<float>(floats);
        source.MemSetToZero();
        var kernel = _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>>(Copy);
        var threads = Threads(floats);
        var seconds = Best(repetitions, () => kernel(threads, source.View, target.View));
        return 2.0 * 4 * floats / seconds;
    }

    /// <summary>Bytes per second read by a kernel that sums <paramref name="floats"/> floats (one float written per thread).</summary>
    public double ReadBytesPerSecond(long floats, int repetitions)
    {
        using var source = _accelerator.Allocate1D<float>(floats);
        var threads = Threads(floats);
        using var sums = _accelerator.Allocate1D<float>(threads);
        source.MemSetToZero();
        var kernel = _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>>(Read);
        var seconds = Best(repetitions, () => kernel(threads, source.View, sums.View));
        return 4.0 * floats / seconds;
    }

    /// <summary>f32 FLOP/s (an FMA is two) of <paramref name="threads"/> threads each running <paramref name="iterations"/> steps of four independent FMA chains.</summary>
    public double FmaFlopsPerSecond(int threads, int iterations, int repetitions)
    {
        using var sums = _accelerator.Allocate1D<float>(threads);
        var kernel = _accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, int>(Fma);
        var seconds = Best(repetitions, () => kernel(threads, sums.View, iterations));
        return 2.0 * Chains * threads * (double)iterations / seconds;
    }

    private int Threads(long floats) => (int)Math.Min(floats, Math.Min(_accelerator.MaxNumThreads * 4L, int.MaxValue));

    private double Best(int repetitions, Action launch)
    {
        launch();
        _accelerator.Synchronize();
        var best = double.MaxValue;
        for (var i = 0; i < Math.Max(1, repetitions); i++)
        {
            var watch = Stopwatch.StartNew();
            launch();
            _accelerator.Synchronize();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return best;
    }

    // Grid-stride loops: adjacent threads touch adjacent floats, so every access coalesces.
    private static void Copy(Index1D i, ArrayView<float> source, ArrayView<float> target)
    {
        for (long at = i; at < source.Length; at += Grid.DimX * (long)Group.DimX) target[at] = source[at];
    }

    private static void Read(Index1D i, ArrayView<float> source, ArrayView<float> sums)
    {
        var sum = 0f;
        for (long at = i; at < source.Length; at += Grid.DimX * (long)Group.DimX) sum += source[at];
        sums[i] = sum;
    }

    private static void Fma(Index1D i, ArrayView<float> sums, int iterations)
    {
        float a = i * 1e-7f, b = a + 1f, c = a + 2f, d = a + 3f;
        const float m = 0.999999f, k = 1e-6f;
        for (var n = 0; n < iterations; n++)
        {
            a = a * m + k;
            b = b * m + k;
            c = c * m + k;
            d = d * m + k;
        }
        sums[i] = a + b + c + d; // written so the chains are not optimised away
    }
}
