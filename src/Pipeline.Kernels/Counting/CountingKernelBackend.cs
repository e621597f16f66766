namespace Pipeline.Kernels.Counting;

/// <summary>
/// A backend that forwards every operation to another and counts the matrix products it is asked for
/// (<see cref="KernelTraffic"/>). The model cannot tell it apart from the backend it wraps, so what it counts is what
/// the model really asks for: a decode step that issued one product per sequence instead of one per weight would
/// stream the weights once per sequence, and the count shows it.
/// </summary>
public sealed class CountingKernelBackend : IKernelBackend
{
    private readonly IKernelBackend _inner;
    private readonly bool _ownsInner;
    private long _products;
    private long _bytes;
    private long _flops;
    private long _allocations;

    /// <summary>Wraps <paramref name="inner"/>; disposes it too when <paramref name="ownsInner"/>.</summary>
    public CountingKernelBackend(IKernelBackend inner, bool ownsInner = true)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _ownsInner = ownsInner;
    }

    /// <summary>Everything counted since this backend was created.</summary>
    public KernelTraffic Traffic => new(Interlocked.Read(ref _products), Interlocked.Read(ref _bytes), Interlocked.Read(ref _flops));

    /// <inheritdoc />
    public string DeviceName => _inner.DeviceName;

    /// <summary>Tensors allocated since this backend was created: a step that allocates none reuses its buffers.</summary>
    public long TensorsAllocated => Interlocked.Read(ref _allocations);

    /// <inheritdoc />
    public DeviceTensor Allocate(int length)
    {
        Interlocked.Increment(ref _allocations);
        return _inner.Allocate(length);
    }

    /// <inheritdoc />
    public void Upload(ReadOnlySpan<float> source, DeviceTensor destination) => _inner.Upload(source, destination);

    /// <inheritdoc />
    public void Download(DeviceTensor source, Span<float> destination) => _inner.Download(source, destination);

    /// <inheritdoc />
    public DeviceMatrix UploadMatrix(HostMatrix matrix) => _inner.UploadMatrix(matrix);

    /// <inheritdoc />
    public PagedKvCache CreateKvCache(KvCacheShape shape) => _inner.CreateKvCache(shape);

    /// <inheritdoc />
    public void Synchronize() => _inner.Synchronize();

    /// <inheritdoc />
    public void Embed(ReadOnlySpan<int> tokens, DeviceMatrix table, DeviceTensor output) => _inner.Embed(tokens, table, output);

    /// <inheritdoc />
    public void RmsNorm(DeviceTensor input, DeviceTensor weight, DeviceTensor output, int rows, int dim, float eps) =>
        _inner.RmsNorm(input, weight, output, rows, dim, eps);

    /// <inheritdoc />
    public void Gemm(DeviceTensor input, int rows, DeviceMatrix weight, DeviceTensor output)
    {
        Count(rows, weight);
        _inner.Gemm(input, rows, weight, output);
    }

    /// <inheritdoc />
    public void Gemv(DeviceTensor input, int rows, DeviceMatrix weight, DeviceTensor output)
    {
        Count(rows, weight);
        _inner.Gemv(input, rows, weight, output);
    }

    /// <inheritdoc />
    public void Rope(DeviceTensor x, ReadOnlySpan<int> positions, int heads, int headDim, float theta) =>
        _inner.Rope(x, positions, heads, headDim, theta);

    /// <inheritdoc />
    public void SwiGlu(DeviceTensor gate, DeviceTensor up, DeviceTensor output, int length) => _inner.SwiGlu(gate, up, output, length);

    /// <inheritdoc />
    public void Add(DeviceTensor accumulator, DeviceTensor addend, int length) => _inner.Add(accumulator, addend, length);

    /// <inheritdoc />
    public void AddRmsNorm(DeviceTensor accumulator, DeviceTensor addend, DeviceTensor weight, DeviceTensor output, int rows, int dim, float eps) =>
        _inner.AddRmsNorm(accumulator, addend, weight, output, rows, dim, eps);

    /// <inheritdoc />
    public void AppendKv(PagedKvCache cache, int layer, DeviceTensor k, DeviceTensor v, ReadOnlySpan<int> slots) =>
        _inner.AppendKv(cache, layer, k, v, slots);

    /// <inheritdoc />
    public void PrefillAttention(DeviceTensor q, PagedKvCache cache, int layer, IReadOnlyList<AttentionSequence> sequences, int heads, DeviceTensor output) =>
        _inner.PrefillAttention(q, cache, layer, sequences, heads, output);

    /// <inheritdoc />
    public void DecodeAttention(DeviceTensor q, PagedKvCache cache, int layer, IReadOnlyList<AttentionSequence> sequences, int heads, DeviceTensor output) =>
        _inner.DecodeAttention(q, cache, layer, sequences, heads, output);

    /// <inheritdoc />
    public void GatherRows(DeviceTensor input, ReadOnlySpan<int> rows, int width, DeviceTensor output) =>
        _inner.GatherRows(input, rows, width, output);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsInner) _inner.Dispose();
    }

    private void Count(int rows, DeviceMatrix weight)
    {
        Interlocked.Increment(ref _products);
        Interlocked.Add(ref _bytes, weight.StoredBytes);
        Interlocked.Add(ref _flops, 2L * rows * weight.Rows * weight.Cols);
    }
}
