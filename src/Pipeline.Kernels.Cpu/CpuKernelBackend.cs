using System.Runtime.Intrinsics;

namespace Pipeline.Kernels.Cpu;

/// <summary>
/// The fast CPU backend: every <see cref="IKernelBackend"/> operation as SIMD code (AVX-512 or AVX2 through
/// <see cref="Vector512"/>/<see cref="Vector256"/> and TensorPrimitives) on a persistent worker pool.
/// Weights stay in their stored format (f32, f16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K), so a step streams the file's
/// bytes once whatever the batch: f32/f16 are widened to f32 a few rows at a time; the quantised formats multiply
/// 8-bit-quantised activations with integer dot products, as llama.cpp does (<c>Quantized/</c>); tensors and the paged KV cache are pinned f32 arrays
/// in the shared layout. Operations run synchronously on the calling thread plus the pool, so
/// <see cref="Synchronize"/> has nothing to wait for. One caller thread at a time.
/// </summary>
public sealed class CpuKernelBackend : IKernelBackend
{
    private readonly WorkerPool _pool;
    private readonly RopeTables _ropeTables = new();

    /// <summary>Creates the backend with <paramref name="threads"/> worker threads (default: one per logical processor).</summary>
    public CpuKernelBackend(int? threads = null)
    {
        int count = threads ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(threads));
        _pool = new WorkerPool(count);
        DeviceName = $"cpu (fast SIMD backend, {InstructionSet}, {count} thread{(count == 1 ? "" : "s")})";
    }

    /// <summary>The vector instruction set the kernels use on this machine.</summary>
    public static string InstructionSet =>
        Vector512.IsHardwareAccelerated ? "AVX-512" : Vector256.IsHardwareAccelerated ? "AVX2" : Vector128.IsHardwareAccelerated ? "SSE/NEON" : "scalar";

    /// <summary>Number of threads (the caller's plus the pool's workers) that share each kernel.</summary>
    public int Threads => _pool.Threads;

    /// <inheritdoc />
    public string DeviceName { get; }

    /// <inheritdoc />
    public DeviceTensor Allocate(int length) => new CpuTensor(length);

    /// <inheritdoc />
    public void Upload(ReadOnlySpan<float> source, DeviceTensor destination)
    {
        var target = CpuTensor.From(destination);
        if (source.Length > target.Length) throw new ArgumentException($"Source of {source.Length} floats exceeds the tensor's {target.Length}.", nameof(source));
        source.CopyTo(target.Span);
    }

    /// <inheritdoc />
    public void Download(DeviceTensor source, Span<float> destination)
    {
        var from = CpuTensor.From(source);
        if (destination.Length > from.Length) throw new ArgumentException($"Destination of {destination.Length} floats exceeds the tensor's {from.Length}.", nameof(destination));
        from.Span[..destination.Length].CopyTo(destination);
    }

    /// <inheritdoc />
    /// <remarks>Keeps f32 and f16 as stored; Q8_0 keeps its int8 values and widens each block's scale to f32; Q4_0 and the k-quants keep ggml's blocks.</remarks>
    public DeviceMatrix UploadMatrix(HostMatrix matrix) => CpuMatrix.Upload(matrix);

    /// <inheritdoc />
    public PagedKvCache CreateKvCache(KvCacheShape shape) => new CpuPagedKvCache(shape);

    /// <inheritdoc />
    public void Synchronize()
    {
        // Every operation has finished when it returns.
    }

    /// <inheritdoc />
    public void Embed(ReadOnlySpan<int> tokens, DeviceMatrix table, DeviceTensor output) =>
        Elementwise.Embed(tokens, CpuMatrix.From(table), CpuTensor.From(output));

    /// <inheritdoc />
    public void RmsNorm(DeviceTensor input, DeviceTensor weight, DeviceTensor output, int rows, int dim, float eps) =>
        Elementwise.RmsNorm(CpuTensor.From(input), CpuTensor.From(weight), CpuTensor.From(output), rows, dim, eps);

    /// <inheritdoc />
    public void Gemm(DeviceTensor input, int rows, DeviceMatrix weight, DeviceTensor output) =>
        MatMul.Gemm(_pool, CpuTensor.From(input), rows, CpuMatrix.From(weight), CpuTensor.From(output));

    /// <inheritdoc />
    public void Gemv(DeviceTensor input, int rows, DeviceMatrix weight, DeviceTensor output) =>
        MatMul.Gemv(_pool, CpuTensor.From(input), rows, CpuMatrix.From(weight), CpuTensor.From(output));

    /// <inheritdoc />
    public void Rope(DeviceTensor x, ReadOnlySpan<int> positions, int heads, int headDim, float theta) =>
        Elementwise.Rope(CpuTensor.From(x), positions, heads, headDim, theta, _ropeTables);

    /// <inheritdoc />
    public void SwiGlu(DeviceTensor gate, DeviceTensor up, DeviceTensor output, int length) =>
        Elementwise.SwiGlu(CpuTensor.From(gate), CpuTensor.From(up), CpuTensor.From(output), length, _pool);

    /// <inheritdoc />
    public void Add(DeviceTensor accumulator, DeviceTensor addend, int length) =>
        Elementwise.Add(CpuTensor.From(accumulator), CpuTensor.From(addend), length);

    /// <inheritdoc />
    public void AppendKv(PagedKvCache cache, int layer, DeviceTensor k, DeviceTensor v, ReadOnlySpan<int> slots) =>
        Elementwise.AppendKv(CpuPagedKvCache.From(cache), layer, CpuTensor.From(k), CpuTensor.From(v), slots);

    /// <inheritdoc />
    public void PrefillAttention(DeviceTensor q, PagedKvCache cache, int layer, IReadOnlyList<AttentionSequence> sequences, int heads, DeviceTensor output) =>
        Attention.Run(_pool, CpuTensor.From(q), CpuPagedKvCache.From(cache), layer, sequences, heads, CpuTensor.From(output));

    /// <inheritdoc />
    public void DecodeAttention(DeviceTensor q, PagedKvCache cache, int layer, IReadOnlyList<AttentionSequence> sequences, int heads, DeviceTensor output) =>
        Attention.Run(_pool, CpuTensor.From(q), CpuPagedKvCache.From(cache), layer, sequences, heads, CpuTensor.From(output));

    /// <inheritdoc />
    public void GatherRows(DeviceTensor input, ReadOnlySpan<int> rows, int width, DeviceTensor output) =>
        Elementwise.GatherRows(CpuTensor.From(input), rows, width, CpuTensor.From(output));

    /// <inheritdoc />
    public void Dispose() => _pool.Dispose();
}
