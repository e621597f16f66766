using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pipeline.Kernels.Cpu;

/// <summary>A float32 buffer of the fast CPU backend: a pinned array, so kernels can use raw pointers.</summary>
internal sealed unsafe class CpuTensor : DeviceTensor
{
    private float[]? _data;

    public CpuTensor(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        // Pinned (POH) so the pointer stays valid for the tensor's lifetime without fixed blocks.
        _data = GC.AllocateArray<float>(length, pinned: true);
    }

    /// <inheritdoc />
    public override int Length => Data.Length;

    public float[] Data => _data ?? throw new ObjectDisposedException(nameof(CpuTensor));

    public float* Pointer => (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Data));

    public Span<float> Span => Data;

    /// <inheritdoc />
    public override void Dispose() => _data = null;

    /// <summary>Casts a seam tensor to this backend's tensor (a foreign tensor is a caller bug).</summary>
    public static CpuTensor From(DeviceTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor as CpuTensor ?? throw new ArgumentException($"Tensor {tensor.GetType().Name} does not belong to the fast CPU backend.", nameof(tensor));
    }
}
