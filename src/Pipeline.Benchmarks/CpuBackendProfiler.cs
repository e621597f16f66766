using System.Diagnostics;
using Pipeline.Kernels;

namespace Pipeline.Benchmarks;

/// <summary>
/// A pass-through <see cref="IKernelBackend"/> that adds up wall time per operation (with a synchronize after
/// each, so asynchronous backends are charged correctly; the fast CPU backend is synchronous anyway).
/// Matrix products are split by output width, so the LM head shows apart from the layers.
/// </summary>
internal sealed class CpuBackendProfiler(IKernelBackend inner) : IKernelBackend
{
    private readonly Dictionary<string, (double Seconds, int Calls)> _totals = [];

    public string DeviceName => inner.DeviceName;

    public IReadOnlyDictionary<string, (double Seconds, int Calls)> Totals => _totals;

    /// <summary>When false, calls pass straight through (timed runs); when true, each is timed and charged.</summary>
    public bool Enabled { get; set; }

    public void Reset() => _totals.Clear();

    public DeviceTensor Allocate(int length) => inner.Allocate(length);

    public void Upload(ReadOnlySpan<float> source, DeviceTensor destination) => inner.Upload(source, destination);

    public void Download(DeviceTensor source, Span<float> destination) => inner.Download(source, destination);

    public DeviceMatrix UploadMatrix(HostMatrix matrix) => inner.UploadMatrix(matrix);

    public PagedKvCache CreateKvCache(KvCacheShape shape) => inner.CreateKvCache(shape);

    public void Synchronize() => inner.Synchronize();

    public void Embed(ReadOnlySpan<int> tokens, DeviceMatrix table, DeviceTensor output)
    {
        long start = Stopwatch.GetTimestamp();
        inner.Embed(tokens, table, output);
        Charge("embed", start);
    }

    public void RmsNorm(DeviceTensor input, DeviceTensor weight, DeviceTensor output, int rows, int dim, float eps)
    {
        long start = Stopwatch.GetTimestamp();
        inner.RmsNorm(input, weight, output, rows, dim, eps);
        Charge("rmsnorm", start);
    }

    public void Gemm(DeviceTensor input, int rows, DeviceMatrix weight, DeviceTensor output)
    {
        long start = Stopwatch.GetTimestamp();
        inner.Gemm(input, rows, weight, output);
        if (Enabled) Charge($"gemm {weight.Rows}x{weight.Cols}", start);
    }

    public void Gemv(DeviceTensor input, int rows, DeviceMatrix weight, DeviceTensor output)
    {
        long start = Stopwatch.GetTimestamp();
        inner.Gemv(input, rows, weight, output);
        if (Enabled) Charge($"gemv {weight.Rows}x{weight.Cols}", start);
    }

    public void Rope(DeviceTensor x, ReadOnlySpan<int> positions, int heads, int headDim, float theta)
    {
        long start = Stopwatch.GetTimestamp();
        inner.Rope(x, positions, heads, headDim, theta);
        Charge("rope", start);
    }

    public void SwiGlu(DeviceTensor gate, DeviceTensor up, DeviceTensor output, int length)
    {
        long start = Stopwatch.GetTimestamp();
        inner.SwiGlu(gate, up, output, length);
        Charge("swiglu", start);
    }

    public void Add(DeviceTensor accumulator, DeviceTensor addend, int length)
    {
        long start = Stopwatch.GetTimestamp();
        inner.Add(accumulator, addend, length);
        Charge("add", start);
    }

    public void AppendKv(PagedKvCache cache, int layer, DeviceTensor k, DeviceTensor v, ReadOnlySpan<int> slots)
    {
        long start = Stopwatch.GetTimestamp();
        inner.AppendKv(cache, layer, k, v, slots);
        Charge("append-kv", start);
    }

    public void PrefillAttention(DeviceTensor q, PagedKvCache cache, int layer, IReadOnlyList<AttentionSequence> sequences, int heads, DeviceTensor output)
    {
        long start = Stopwatch.GetTimestamp();
        inner.PrefillAttention(q, cache, layer, sequences, heads, output);
        Charge("prefill-attention", start);
    }

    public void DecodeAttention(DeviceTensor q, PagedKvCache cache, int layer, IReadOnlyList<AttentionSequence> sequences, int heads, DeviceTensor output)
    {
        long start = Stopwatch.GetTimestamp();
        inner.DecodeAttention(q, cache, layer, sequences, heads, output);
        Charge("decode-attention", start);
    }

    public void GatherRows(DeviceTensor input, ReadOnlySpan<int> rows, int width, DeviceTensor output)
    {
        long start = Stopwatch.GetTimestamp();
        inner.GatherRows(input, rows, width, output);
        Charge("gather", start);
    }

    /// <summary>Does not dispose the wrapped backend (its owner does).</summary>
    public void Dispose()
    {
    }

    private void Charge(string operation, long start)
    {
        if (!Enabled) return;
        inner.Synchronize();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        _totals[operation] = _totals.TryGetValue(operation, out var t) ? (t.Seconds + seconds, t.Calls + 1) : (seconds, 1);
    }
}
