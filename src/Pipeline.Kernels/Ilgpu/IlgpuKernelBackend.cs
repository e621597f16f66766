using ILGPU;
using ILGPU.Runtime;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>
/// <see cref="IKernelBackend"/> on ILGPU: one <see cref="Context"/> and <see cref="Accelerator"/> (ILGPU's CPU
/// accelerator, or CUDA), every kernel compiled once and cached. F32, F16 and Q8_0 weights stay in their format on the
/// device (<see cref="DeviceMatrix.StoredBytes"/> is the format's size) and are widened to f32 in registers; any other
/// format is dequantised to f32 on upload. Every operation is queued on the accelerator's one stream; the host waits
/// only in <see cref="Download"/> and <see cref="Synchronize"/> (counted by <see cref="HostSynchronizations"/>), never
/// inside a step. On the CPU accelerator kernels run as scalar .NET code (simulated warps of four threads); it is
/// the reference for kernel semantics, not a fast path.
/// </summary>
public sealed partial class IlgpuKernelBackend : IKernelBackend
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly IlgpuKernelSet _kernels;
    private readonly StepStaging<int> _ints;
    private readonly StepStaging<float> _floats;
    private readonly GrowableBuffer _partials;
    private readonly bool _isCpu;
    private readonly int _maxThreads;
    private readonly int _maxGroups;
    private readonly int _groupSize;
    private readonly int _warpGroupSize;
    private readonly int _decodePartition;
    private long _synchronizations;

    private IlgpuKernelBackend(Context context, Accelerator accelerator, string deviceName)
    {
        _context = context;
        _accelerator = accelerator;
        DeviceName = deviceName;
        _kernels = new IlgpuKernelSet(accelerator);
        _isCpu = accelerator.AcceleratorType == AcceleratorType.CPU;
        // Room for a step's small host data (block tables of a large batch across many layers) before it must wait to grow.
        _ints = new StepStaging<int>(accelerator, _isCpu ? 1 << 14 : 1 << 22, Sync);
        _floats = new StepStaging<float>(accelerator, _isCpu ? 1 << 14 : 1 << 20, Sync);
        _partials = new GrowableBuffer(accelerator, Sync);
        // ILGPU's CPU accelerator pays a scheduling cost per group of simulated threads: launch only as many threads
        // (and tiled groups) as it has, each taking a contiguous chunk. A GPU gets a grid-stride loop over many threads.
        _maxThreads = _isCpu ? accelerator.NumMultiprocessors * accelerator.MaxNumThreadsPerGroup : accelerator.MaxNumThreads;
        _maxGroups = _isCpu ? accelerator.NumMultiprocessors * 2 : int.MaxValue;
        _groupSize = Math.Min(IlgpuKernels.Tile, accelerator.MaxNumThreadsPerGroup);
        // Warp-per-item kernels: eight warps a group on a GPU; one (simulated) warp on the CPU accelerator.
        _warpGroupSize = _isCpu ? accelerator.WarpSize : Math.Min(8 * accelerator.WarpSize, accelerator.MaxNumThreadsPerGroup);
        // Context positions per flash-decoding partition: small on the CPU accelerator so short test contexts split too.
        _decodePartition = _isCpu ? 16 : 256;
    }

    /// <summary>Measures the accelerator itself (bandwidth, FMA throughput) with kernels of its own.</summary>
    public IlgpuDeviceProbe Probe() => new(_accelerator);

    /// <summary>How many times the host has waited for the device (<see cref="Download"/>, <see cref="Synchronize"/>, or a step outgrowing its staging buffers).</summary>
    public long HostSynchronizations => Interlocked.Read(ref _synchronizations);

    /// <summary>Threads per group of the tiled kernels on the CPU accelerator.</summary>
    private const int CpuGroupSize = IlgpuKernels.MinGroupSize;

    /// <inheritdoc />
    public string DeviceName { get; }

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
        Sync();
        if (!destination.IsEmpty) s.View.SubView(0, destination.Length).CopyToCPU(destination);
    }

    /// <inheritdoc />
    public DeviceMatrix UploadMatrix(HostMatrix matrix) => MatrixUpload.Upload(this, _accelerator, matrix);

    /// <inheritdoc />
    public PagedKvCache CreateKvCache(KvCacheShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return new IlgpuKvCache(this, shape, _accelerator);
    }

    /// <inheritdoc />
    public void Synchronize() => Sync();

    /// <inheritdoc />
    public void Dispose()
    {
        _ints.Dispose();
        _floats.Dispose();
        _partials.Dispose();
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

    /// <summary>Waits for the device, counts the wait, and frees the staging regions the finished work read.</summary>
    private void Sync()
    {
        _accelerator.Synchronize();
        Interlocked.Increment(ref _synchronizations);
        _ints.Release();
        _floats.Release();
    }

    /// <summary>Launch shape of a warp-per-item kernel over <paramref name="items"/> items.</summary>
    private KernelConfig WarpConfig(int items)
    {
        var warps = _warpGroupSize / _accelerator.WarpSize;
        var groups = Math.Min((items + warps - 1) / warps, _maxGroups);
        return new KernelConfig(new Index1D(Math.Max(groups, 1)), new Index1D(_warpGroupSize));
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
