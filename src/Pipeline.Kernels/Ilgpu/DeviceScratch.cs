using ILGPU;
using ILGPU.Runtime;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>A growable device buffer for small per-call host data (token ids, slots, block tables, rope angles).</summary>
internal sealed class DeviceScratch<T> : IDisposable
    where T : unmanaged
{
    private readonly Accelerator _accelerator;
    private MemoryBuffer1D<T, Stride1D.Dense>? _buffer;

    public DeviceScratch(Accelerator accelerator) => _accelerator = accelerator;

    /// <summary>Copies <paramref name="values"/> to the device (ordered after earlier work on the stream) and returns their view.</summary>
    public ArrayView<T> Upload(ReadOnlySpan<T> values)
    {
        if (_buffer is null || _buffer.Length < values.Length)
        {
            _buffer?.Dispose();
            _buffer = _accelerator.Allocate1D<T>(Math.Max(values.Length, Math.Max(64, (_buffer?.Length ?? 0) * 2)));
        }
        ArrayView<T> view = _buffer.View.SubView(0, Math.Max(values.Length, 1));
        if (!values.IsEmpty) view.SubView(0, values.Length).CopyFromCPU(values);
        return view;
    }

    public void Dispose() => _buffer?.Dispose();
}
