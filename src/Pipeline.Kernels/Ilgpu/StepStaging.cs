using ILGPU;
using ILGPU.Runtime;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>
/// Small per-call host data of a step (token ids, slots, block tables, rope angles) on its way to the device without
/// a host synchronisation: each upload takes the next free region of a page-locked host array and of a device buffer
/// and queues an asynchronous copy on the stream, ordered before the kernels that read it. No region is written twice
/// until the device has caught up (<see cref="Release"/>, called after every full synchronisation), so nothing queued
/// can see later data. Only when a step outgrows the buffers does it wait once, to grow them.
/// </summary>
internal sealed class StepStaging<T> : IDisposable
    where T : unmanaged
{
    private readonly Accelerator _accelerator;
    private readonly Action _synchronize;
    private PageLockedArray1D<T> _host;
    private MemoryBuffer1D<T, Stride1D.Dense> _device;
    private long _used;

    /// <param name="synchronize">Waits for the device (the backend's counted synchronisation, which calls <see cref="Release"/>).</param>
    public StepStaging(Accelerator accelerator, long capacity, Action synchronize)
    {
        _accelerator = accelerator;
        _synchronize = synchronize;
        _host = accelerator.AllocatePageLocked1D<T>(capacity);
        _device = accelerator.Allocate1D<T>(capacity);
    }

    /// <summary>Elements the buffers hold.</summary>
    public long Capacity => _device.Length;

    /// <summary>Queues a copy of <paramref name="values"/> and returns its device view (at least one element long).</summary>
    public ArrayView<T> Upload(ReadOnlySpan<T> values)
    {
        var length = Math.Max(values.Length, 1);
        if (_used + length > Capacity)
        {
            _synchronize(); // the queued kernels may still read the old buffers
            if (length > Capacity)
            {
                var capacity = Math.Max(length, 2 * Capacity);
                _host.Dispose();
                _device.Dispose();
                _host = _accelerator.AllocatePageLocked1D<T>(capacity);
                _device = _accelerator.Allocate1D<T>(capacity);
            }
        }
        var at = _used;
        _used += length;
        ArrayView<T> view = _device.View.SubView(at, length);
        if (!values.IsEmpty)
        {
            var host = _host.Span.Slice((int)at, values.Length);
            values.CopyTo(host);
            view.SubView(0, values.Length).CopyFromCPUUnsafeAsync(_accelerator.DefaultStream, ref host[0], values.Length);
        }
        return view;
    }

    /// <summary>The device has finished everything queued: every region may be reused.</summary>
    public void Release() => _used = 0;

    public void Dispose()
    {
        _host.Dispose();
        _device.Dispose();
    }
}
