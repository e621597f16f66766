using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>
/// <see cref="IKernelBackend"/> on ILGPU: one <see cref="Context"/> and <see cref="Accelerator"/> (ILGPU's CPU
/// accelerator, or CUDA), every kernel compiled once and cached. Weights are kept as f32: F16 and Q8_0 matrices are
/// dequantised on upload, so <see cref="DeviceMatrix.StoredBytes"/> is always <c>4 * Rows * Cols</c>.
/// On the CPU accelerator kernels run as scalar .NET code (one simulated GPU thread at a time per core); it is
/// the reference for kernel semantics, not a fast path.
/// </summary>
public sealed class IlgpuKernelBackend : IKernelBackend
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly IlgpuKernelSet _kernels;
    private readonly DeviceScratch<int> _ints;
    private readonly DeviceScratch<int> _tables;
    private readonly DeviceScratch<float> _cos;
    private readonly DeviceScratch<float> _sin;
    private readonly bool _isCpu;
    private readonly int _maxThreads;
    private readonly int _maxGroups;
    private readonly int _groupSize;

    private IlgpuKernelBackend(Context context, Accelerator accelerator, string deviceName)
    {
        _context = context;
        _accelerator = accelerator;
        DeviceName = deviceName;
        _kernels = new IlgpuKernelSet(accelerator);
        _ints = new DeviceScratch<int>(accelerator);
        _tables = new DeviceScratch<int>(accelerator);
        _cos = new DeviceScratch<float>(accelerator);
        _sin = new DeviceScratch<float>(accelerator);
        // ILGPU's CPU accelerator pays a scheduling cost per group of simulated threads: launch only as many threads
        // (and tiled groups) as it has, each taking a contiguous chunk. A GPU gets a grid-stride loop over many threads.
        _isCpu = accelerator.AcceleratorType == AcceleratorType.CPU;
        _maxThreads = _isCpu ? accelerator.NumMultiprocessors * accelerator.MaxNumThreadsPerGroup : accelerator.MaxNumThreads;
        _maxGroups = _isCpu ? accelerator.NumMultiprocessors * 2 : int.MaxValue;
        _groupSize = Math.Min(IlgpuKernels.Tile, accelerator.MaxNumThreadsPerGroup);
    }

    /// <summary>Threads per group of the tiled kernels on the CPU accelerator.</summary>
    private const int CpuGroupSize = IlgpuKernels.MinGroupSize;

    /// <inheritdoc />
    public string DeviceName { get; }

    /// <summary>Creates a backend on ILGPU's CPU accelerator with <paramref name="threads"/> worker multiprocessors (default: all cores).</summary>
    public static IlgpuKernelBackend CreateCpu(int? threads = null)
    {
        var processors = threads ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(processors);
        // One simulated multiprocessor per core; small groups keep the barriers of the tiled kernels cheap
        // (every simulated thread of a group is an OS thread).
        var device = new CPUDevice(CpuGroupSize, 1, processors);
        var context = Context.Create(builder => builder.CPU(device).Optimize(OptimizationLevel.O2));
        var accelerator = context.CreateCPUAccelerator(0, CPUAcceleratorMode.Parallel);
        return new IlgpuKernelBackend(context, accelerator, $"ilgpu-cpu (CPU accelerator, {processors} thread{(processors == 1 ? "" : "s")})");
    }

    /// <summary>True when ILGPU finds at least one CUDA device.</summary>
    public static bool IsCudaAvailable()
    {
        try
        {
            using var context = Context.Create(builder => builder.Cuda());
            return context.GetCudaDevices().Count > 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or InvalidOperationException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Creates a backend on CUDA device <paramref name="index"/>; throws <see cref="InvalidOperationException"/> when there is none.</summary>
    public static IlgpuKernelBackend CreateCuda(int index = 0)
    {
        var context = Context.Create(builder => builder.Cuda().Optimize(OptimizationLevel.O2));
        var devices = context.GetCudaDevices();
        if (devices.Count <= index)
        {
            context.Dispose();
            throw new InvalidOperationException(devices.Count == 0
                ? "No CUDA device found: ILGPU sees no NVIDIA GPU (or no CUDA driver) on this machine."
                : $"CUDA device {index} requested but only {devices.Count} found.");
        }
        var accelerator = context.CreateCudaAccelerator(index);
        return new IlgpuKernelBackend(context, accelerator, $"cuda ({accelerator.Name})");
    }

    /// <inheritdoc />
    public DeviceTensor Allocate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var buffer = _accelerator.Allocate1D<float>(Math.Max(length, 1));
        buffer.MemSetToZero();
        return new IlgpuTensor(this, buffer, length);
    }

    /// <inheritdoc />
    public void Upload(ReadOnlySpan<float> source, DeviceTensor destination)
    {
        var d = Own(destination);
        if (source.Length > d.Length) throw new ArgumentException($"Cannot upload {source.Length} floats into a tensor of {d.Length}.");
        if (!source.IsEmpty) d.View.SubView(0, source.Length).CopyFromCPU(source);
    }

    /// <inheritdoc />
    public void Download(DeviceTensor source, Span<float> destination)
    {
        var s = Own(source);
        if (destination.Length > s.Length) throw new ArgumentException($"Cannot download {destination.Length} floats from a tensor of {s.Length}.");
        _accelerator.Synchronize();
        if (!destination.IsEmpty) s.View.SubView(0, destination.Length).CopyToCPU(destination);
    }

    /// <inheritdoc />
    public DeviceMatrix UploadMatrix(HostMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var values = matrix.ToFloats();
        var buffer = _accelerator.Allocate1D<float>(Math.Max(values.Length, 1));
        if (values.Length > 0) ((ArrayView<float>)buffer.View).SubView(0, values.Length).CopyFromCPU((ReadOnlySpan<float>)values);
        return new IlgpuMatrix(this, matrix.Rows, matrix.Cols, buffer);
    }

    /// <inheritdoc />
    public PagedKvCache CreateKvCache(KvCacheShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return new IlgpuKvCache(this, shape, _accelerator);
    }

    /// <inheritdoc />
    public void Synchronize() => _accelerator.Synchronize();

    /// <inheritdoc />
    public void Embed(ReadOnlySpan<int> tokens, DeviceMatrix table, DeviceTensor output)
    {
        var t = Own(table);
        var o = Own(output);
        Require(o, (long)tokens.Length * t.Cols, nameof(output));
        foreach (var token in tokens)
        {
            if ((uint)token >= (uint)t.Rows) throw new ArgumentOutOfRangeException(nameof(tokens), token, $"Token outside the table of {t.Rows} rows.");
        }
        if (tokens.IsEmpty) return;
        var split = Split(tokens.Length * t.Cols);
        _kernels.Embed(split.Threads, split, _ints.Upload(tokens), t.View, o.View, t.Cols);
    }

    /// <inheritdoc />
    public void RmsNorm(DeviceTensor input, DeviceTensor weight, DeviceTensor output, int rows, int dim, float eps)
    {
        Require(Own(input), (long)rows * dim, nameof(input));
        Require(Own(weight), dim, nameof(weight));
        Require(Own(output), (long)rows * dim, nameof(output));
        if (rows == 0) return;
        var split = Split(rows);
        _kernels.RmsNorm(split.Threads, split, Own(input).View, Own(weight).View, Own(output).View, dim, eps);
    }

    /// <inheritdoc />
    public void Gemm(DeviceTensor input, int rows, DeviceMatrix weight, DeviceTensor output)
    {
        var (x, w, y) = CheckProduct(input, rows, weight, output);
        if (rows == 0) return;
        var tile = IlgpuKernels.Tile;
        var tiles = ((w.Rows + tile - 1) / tile) * ((rows + tile - 1) / tile);
        _kernels.Gemm(new KernelConfig(new Index1D(Math.Min(tiles, _maxGroups)), new Index1D(_groupSize)), x.View, w.View, y.View, rows, w.Rows, w.Cols);
    }

    /// <inheritdoc />
    public void Gemv(DeviceTensor input, int rows, DeviceMatrix weight, DeviceTensor output)
    {
        var (x, w, y) = CheckProduct(input, rows, weight, output);
        if (rows == 0) return;
        var batchTiles = (rows + IlgpuKernels.GemvBatchTile - 1) / IlgpuKernels.GemvBatchTile;
        var split = Split(batchTiles * w.Rows);
        _kernels.Gemv(split.Threads, split, x.View, w.View, y.View, rows, w.Rows, w.Cols);
    }

    /// <inheritdoc />
    public void Rope(DeviceTensor x, ReadOnlySpan<int> positions, int heads, int headDim, float theta)
    {
        if (headDim % 2 != 0) throw new ArgumentException($"Head dimension {headDim} is odd.", nameof(headDim));
        var t = Own(x);
        Require(t, (long)positions.Length * heads * headDim, nameof(x));
        if (positions.IsEmpty) return;
        // Angles are computed once per (row, pair) on the host in double precision and shared by every head.
        var half = headDim / 2;
        var cos = new float[positions.Length * half];
        var sin = new float[positions.Length * half];
        for (var i = 0; i < half; i++)
        {
            var frequency = Math.Pow(theta, -2.0 * i / headDim);
            for (var r = 0; r < positions.Length; r++)
            {
                var angle = positions[r] * frequency;
                cos[r * half + i] = (float)Math.Cos(angle);
                sin[r * half + i] = (float)Math.Sin(angle);
            }
        }
        var split = Split(positions.Length * heads * half);
        _kernels.Rope(split.Threads, split, t.View, _cos.Upload(cos), _sin.Upload(sin), heads, half);
    }

    /// <inheritdoc />
    public void SwiGlu(DeviceTensor gate, DeviceTensor up, DeviceTensor output, int length)
    {
        Require(Own(gate), length, nameof(gate));
        Require(Own(up), length, nameof(up));
        Require(Own(output), length, nameof(output));
        if (length == 0) return;
        var split = Split(length);
        _kernels.SwiGlu(split.Threads, split, Own(gate).View, Own(up).View, Own(output).View);
    }

    /// <inheritdoc />
    public void Add(DeviceTensor accumulator, DeviceTensor addend, int length)
    {
        Require(Own(accumulator), length, nameof(accumulator));
        Require(Own(addend), length, nameof(addend));
        if (length == 0) return;
        var split = Split(length);
        _kernels.Add(split.Threads, split, Own(accumulator).View, Own(addend).View);
    }

    /// <inheritdoc />
    public void AppendKv(PagedKvCache cache, int layer, DeviceTensor k, DeviceTensor v, ReadOnlySpan<int> slots)
    {
        var c = Own(cache);
        var shape = c.Shape;
        var kvDim = shape.KvHeads * shape.HeadDim;
        if ((uint)layer >= (uint)shape.Layers) throw new ArgumentOutOfRangeException(nameof(layer));
        Require(Own(k), (long)slots.Length * kvDim, nameof(k));
        Require(Own(v), (long)slots.Length * kvDim, nameof(v));
        foreach (var slot in slots)
        {
            if ((uint)slot >= (uint)(shape.Blocks * shape.BlockSize)) throw new ArgumentOutOfRangeException(nameof(slots), slot, "Slot outside the cache.");
        }
        if (slots.IsEmpty) return;
        var layerBase = (long)layer * shape.Blocks * shape.BlockSize;
        var split = Split(slots.Length * kvDim);
        _kernels.AppendKv(split.Threads, split, Own(k).View, Own(v).View, c.K.View, c.V.View, _ints.Upload(slots), kvDim, layerBase);
    }

    /// <inheritdoc />
    public void PrefillAttention(DeviceTensor q, PagedKvCache cache, int layer, IReadOnlyList<AttentionSequence> sequences, int heads, DeviceTensor output)
    {
        var plan = AttentionPlan.ForPrefill(Own(cache).Shape, layer, sequences, heads, _groupSize);
        Require(Own(q), plan.RequiredRows * (long)heads * plan.Geometry.HeadDim, nameof(q));
        Require(Own(output), plan.RequiredRows * (long)heads * plan.Geometry.HeadDim, nameof(output));
        if (plan.Units == 0) return;
        var c = Own(cache);
        var config = new KernelConfig(new Index1D(Math.Min(plan.Units * heads, _maxGroups)), new Index1D(_groupSize));
        _kernels.Prefill(config, Own(q).View, c.K.View, c.V.View, _ints.Upload(plan.Meta), _tables.Upload(plan.Tables), Own(output).View, plan.Geometry);
    }

    /// <inheritdoc />
    public void DecodeAttention(DeviceTensor q, PagedKvCache cache, int layer, IReadOnlyList<AttentionSequence> sequences, int heads, DeviceTensor output)
    {
        var plan = AttentionPlan.ForDecode(Own(cache).Shape, layer, sequences, heads);
        Require(Own(q), plan.RequiredRows * (long)heads * plan.Geometry.HeadDim, nameof(q));
        Require(Own(output), plan.RequiredRows * (long)heads * plan.Geometry.HeadDim, nameof(output));
        if (plan.Units == 0) return;
        var c = Own(cache);
        var split = Split(plan.Units * heads);
        _kernels.Decode(split.Threads, split, Own(q).View, c.K.View, c.V.View, _ints.Upload(plan.Meta), _tables.Upload(plan.Tables), Own(output).View, plan.Geometry);
    }

    /// <inheritdoc />
    public void GatherRows(DeviceTensor input, ReadOnlySpan<int> rows, int width, DeviceTensor output)
    {
        var i = Own(input);
        Require(Own(output), (long)rows.Length * width, nameof(output));
        foreach (var row in rows)
        {
            if (row < 0 || (long)(row + 1) * width > i.Length) throw new ArgumentOutOfRangeException(nameof(rows), row, "Row outside the input.");
        }
        if (rows.IsEmpty) return;
        var split = Split(rows.Length * width);
        _kernels.GatherRows(split.Threads, split, i.View, _ints.Upload(rows), Own(output).View, width);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _ints.Dispose();
        _tables.Dispose();
        _cos.Dispose();
        _sin.Dispose();
        _accelerator.Dispose();
        _context.Dispose();
    }

    private (IlgpuTensor X, IlgpuMatrix W, IlgpuTensor Y) CheckProduct(DeviceTensor input, int rows, DeviceMatrix weight, DeviceTensor output)
    {
        var w = Own(weight);
        var x = Own(input);
        var y = Own(output);
        Require(x, (long)rows * w.Cols, nameof(input));
        Require(y, (long)rows * w.Rows, nameof(output));
        return (x, w, y);
    }

    private WorkSplit Split(int count) => _isCpu ? WorkSplit.Chunked(count, _maxThreads) : WorkSplit.Strided(count, _maxThreads);

    private static void Require(IlgpuTensor tensor, long length, string name)
    {
        if (tensor.Length < length) throw new ArgumentException($"Tensor '{name}' holds {tensor.Length} floats, the operation needs {length}.", name);
    }

    private IlgpuTensor Own(DeviceTensor tensor) =>
        tensor is IlgpuTensor t && ReferenceEquals(t.Owner, this) ? t : throw new ArgumentException("The tensor was not allocated by this backend.");

    private IlgpuMatrix Own(DeviceMatrix matrix) =>
        matrix is IlgpuMatrix m && ReferenceEquals(m.Owner, this) ? m : throw new ArgumentException("The matrix was not uploaded to this backend.");

    private IlgpuKvCache Own(PagedKvCache cache) =>
        cache is IlgpuKvCache c && ReferenceEquals(c.Owner, this) ? c : throw new ArgumentException("The KV cache was not created by this backend.");
}
