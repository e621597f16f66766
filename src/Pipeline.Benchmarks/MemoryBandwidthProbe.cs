using System.Diagnostics;
using System.Numerics;

namespace Pipeline.Benchmarks;

/// <summary>
/// STREAM-like triad <c>a[i] = b[i] + s * c[i]</c> over arrays far larger than any cache, split across threads;
/// counts 3 x 4 bytes per element (two reads, one write) and reports the best of several passes.
/// </summary>
internal static class MemoryBandwidthProbe
{
    public static double Measure(int threads, int elements = 1 << 25, int passes = 6)
    {
        var a = new float[elements];
        var b = new float[elements];
        var c = new float[elements];
        Array.Fill(b, 1f);
        Array.Fill(c, 2f);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        var chunk = (elements + threads - 1) / threads;
        var best = double.MaxValue;
        for (var pass = 0; pass < passes; pass++)
        {
            var watch = Stopwatch.StartNew();
            Parallel.For(0, threads, options, t => Triad(a, b, c, t * chunk, Math.Min(elements, (t + 1) * chunk), 3f));
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        if (a[elements / 2] != 7f) throw new InvalidOperationException("Triad produced a wrong result.");
        return 3.0 * 4 * elements / best;
    }

    private static void Triad(float[] a, float[] b, float[] c, int start, int end, float s)
    {
        var i = start;
        var width = Vector<float>.Count;
        for (; i + width <= end; i += width)
        {
            (new Vector<float>(b, i) + s * new Vector<float>(c, i)).CopyTo(a, i);
        }
        for (; i < end; i++) a[i] = b[i] + s * c[i];
    }
}
