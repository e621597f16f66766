using System.Diagnostics;
using Pipeline.Kernels;

namespace Pipeline.Benchmarks.Gpu;

/// <summary>Times single kernels through <see cref="IKernelBackend"/>: decode GEMV per format and batch, the prefill GEMM, decode attention per context.</summary>
internal sealed class GpuKernelBench(IKernelBackend backend, GpuCheckSizes sizes, int seed)
{
    private static readonly WeightFormat[] Formats = [WeightFormat.F32, WeightFormat.F16, WeightFormat.Q8_0];

    public List<GemvFigure> Gemv(double readBytesPerSecond)
    {
        var figures = new List<GemvFigure>();
        var batchMax = sizes.GemvBatches.Max();
        foreach (var (k, n) in sizes.GemvShapes)
        {
            using var x = Filled(batchMax * k);
            using var y = backend.Allocate(batchMax * n);
            foreach (var format in Formats)
            {
                using var weight = backend.UploadMatrix(SyntheticWeights.Matrix(format, n, k, seed));
                foreach (var batch in sizes.GemvBatches)
                {
                    var seconds = Time(() => backend.Gemv(x, batch, weight, y));
                    var bytes = weight.StoredBytes + 4.0 * batch * (k + n);
                    figures.Add(new GemvFigure(Name(format), k, n, batch, seconds * 1e6, bytes / seconds / 1e9, bytes / seconds / readBytesPerSecond));
                }
            }
        }
        return figures;
    }

    public GemmFigure Gemm(double fmaFlopsPerSecond)
    {
        var (m, k, n) = sizes.Gemm;
        using var x = Filled(m * k);
        using var y = backend.Allocate(m * n);
        using var weight = backend.UploadMatrix(SyntheticWeights.Matrix(WeightFormat.F16, n, k, seed));
        var seconds = Time(() => backend.Gemm(x, m, weight, y));
        var flops = 2.0 * m * n * k;
        return new GemmFigure("f16", m, k, n, seconds * 1e6, flops / seconds / 1e9, flops / seconds / fmaFlopsPerSecond);
    }

    /// <summary>Decode attention of <c>AttentionSequences</c> sequences, one layer, contiguous block tables of 16-token blocks.</summary>
    public List<AttentionFigure> DecodeAttention(double readBytesPerSecond)
    {
        const int blockSize = 16;
        var a = sizes.AttentionShape;
        var figures = new List<AttentionFigure>();
        foreach (var context in sizes.AttentionContexts)
        {
            var perSequence = (context + blockSize - 1) / blockSize;
            var count = sizes.AttentionSequences;
            using var cache = backend.CreateKvCache(new KvCacheShape(1, count * perSequence, blockSize, a.KvHeads, a.HeadDim));
            using var q = Filled(count * a.Hidden);
            using var output = backend.Allocate(count * a.Hidden);
            var sequences = Enumerable.Range(0, count)
                .Select(s => new AttentionSequence(s, 1, context, Enumerable.Range(s * perSequence, perSequence).ToArray())).ToList();
            var seconds = Time(() => backend.DecodeAttention(q, cache, 0, sequences, a.Heads, output));
            var bytes = 2.0 * count * context * a.KvDim * sizeof(float);
            figures.Add(new AttentionFigure(context, count, seconds * 1e6, bytes / seconds / 1e9, bytes / seconds / readBytesPerSecond));
        }
        return figures;
    }

    private DeviceTensor Filled(int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++) values[i] = SyntheticWeights.Uniform(seed + 7, i);
        var tensor = backend.Allocate(length);
        backend.Upload(values, tensor);
        return tensor;
    }

    /// <summary>Mean seconds of one launch over the repetitions, after a warm-up (the queue drained before and after).</summary>
    private double Time(Action launch)
    {
        launch();
        backend.Synchronize();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < sizes.Repetitions; i++) launch();
        backend.Synchronize();
        return watch.Elapsed.TotalSeconds / sizes.Repetitions;
    }

    private static string Name(WeightFormat format) => format switch { WeightFormat.F16 => "f16", WeightFormat.Q8_0 => "q8_0", _ => "f32" };
}
