using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pipeline.Kernels.Cpu;

/// <summary>The paged KV cache of the fast CPU backend: two pinned f32 arrays in the shared layout of <see cref="KvCacheShape"/>.</summary>
internal sealed unsafe class CpuPagedKvCache : PagedKvCache
{
    private float[]? _keys;
    private float[]? _values;

    public CpuPagedKvCache(KvCacheShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Layers < 0 || shape.Blocks < 0 || shape.BlockSize <= 0 || shape.KvHeads <= 0 || shape.HeadDim <= 0)
            throw new ArgumentException($"Invalid KV cache shape {shape}.", nameof(shape));
        if (shape.FloatsPerArray > Array.MaxLength)
            throw new ArgumentException($"A KV cache of {shape.FloatsPerArray} floats per array exceeds what one CPU array holds.", nameof(shape));
        Shape = shape;
        // Allocated uninitialised and zeroed here, once, so every page is faulted in before the first step, as llama.cpp
        // clears its KV buffer when it creates a context: otherwise the steps that first reach a page pay its fault (a
        // batch-16 decode step of the bench model spent 1 ms of 25 in appending K/V, nearly all of it faults).
        _keys = GC.AllocateUninitializedArray<float>((int)shape.FloatsPerArray, pinned: true);
        _values = GC.AllocateUninitializedArray<float>((int)shape.FloatsPerArray, pinned: true);
        _keys.AsSpan().Clear();
        _values.AsSpan().Clear();
    }

    /// <inheritdoc />
    public override KvCacheShape Shape { get; }

    public float* Keys => Pin(_keys);

    public float* Values => Pin(_values);

    /// <summary>Offset of (layer, flat slot) in either array: a token row of <c>KvHeads * HeadDim</c> floats.</summary>
    public long RowOffset(int layer, int flatSlot) =>
        ((long)layer * Shape.Blocks * Shape.BlockSize + flatSlot) * Shape.KvHeads * Shape.HeadDim;

    /// <inheritdoc />
    protected override void CopyBlockOut(bool values, int layer, int block, Span<float> destination) =>
        Live(values ? _values : _keys).AsSpan(checked((int)BlockStart(layer, block)), Shape.FloatsPerBlockPerLayer).CopyTo(destination);

    /// <inheritdoc />
    protected override void CopyBlockIn(bool values, int layer, int block, ReadOnlySpan<float> source) =>
        source.CopyTo(Live(values ? _values : _keys).AsSpan(checked((int)BlockStart(layer, block)), Shape.FloatsPerBlockPerLayer));

    /// <inheritdoc />
    public override void Dispose()
    {
        _keys = null;
        _values = null;
    }

    public static CpuPagedKvCache From(PagedKvCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return cache as CpuPagedKvCache ?? throw new ArgumentException($"KV cache {cache.GetType().Name} does not belong to the fast CPU backend.", nameof(cache));
    }

    private static float[] Live(float[]? array) => array ?? throw new ObjectDisposedException(nameof(CpuPagedKvCache));

    private static float* Pin(float[]? array) => (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Live(array)));
}
