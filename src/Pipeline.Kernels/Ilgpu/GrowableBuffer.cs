using ILGPU;
using ILGPU.Runtime;

namespace Pipeline.Kernels.Ilgpu;

/// <summary>
/// A device float buffer for intermediate results (flash-decoding partials) that grows to the largest request.
/// Growing waits for the device first, because queued kernels may still use the old buffer.
/// </summary>
internal sealed class GrowableBuffer(Accelerator accelerator, Action synchronize) : IDisposable
{
    private MemoryBuffer1D<float, Stride1D.Dense>? _buffer;

    /// <summary>A view of at least <paramref name="length"/> floats (contents undefined).</summary>
    public ArrayView<float> Get(long length)
    {
        if (_buffer is null || _buffer.Length < length)
        {
            var old = _buffer?.Length ?? 0;
            if (_buffer is not null)
            {
                synchronize();
                _buffer.Dispose();
            }
            _buffer = accelerator.Allocate1D<float>(Math.Max(length, Math.Max(1024, 2 * old)));
        }
        return _buffer.View;
    }

    public void Dispose() => _buffer?.Dispose();
}
