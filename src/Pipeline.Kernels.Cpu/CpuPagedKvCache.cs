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
        _keys = GC.AllocateArray<float>((int)shape.FloatsPerArray, pinned: true);
        _values = GC.AllocateArray<float>((int)shape.FloatsPerArray, pinned: true);
    }

    /// <inheritdoc />
    public override KvCacheShape Shape { get; }

    public float* Keys => Pin(_keys);

    public float* Values => Pin(_values);

    /// <summary>Offset of (layer, flat slot) in either array: a token row of <c>KvHeads * HeadDim</c> floats.</summary>
    public long RowOffset(int layer, int flatSlot) =>
        ((long)layer * Shape.Blocks * Shape.BlockSize + flatSlot) * Shape.KvHeads * Shape.HeadDim;

    /// <inheritdoc />
    public override void ReadBlocks(ReadOnlySpan<int> blocks, Span<float> destination)
    {
        int per = Shape.FloatsPerBlockPerLayer;
        RequireLength(destination.Length, blocks.Length);
        int o = 0;
        foreach (int block in blocks)
        {
            CheckBlock(block);
            foreach (var array in (ReadOnlySpan<float[]>)[Live(_keys), Live(_values)])
                for (int layer = 0; layer < Shape.Layers; layer++, o += per)
                    array.AsSpan(checked((int)RowOffset(layer, block * Shape.BlockSize)), per).CopyTo(destination.Slice(o, per));
        }
    }

    /// <inheritdoc />
    public override void WriteBlocks(ReadOnlySpan<int> blocks, ReadOnlySpan<float> source)
    {
        int per = Shape.FloatsPerBlockPerLayer;
        RequireLength(source.Length, blocks.Length);
        int o = 0;
        foreach (int block in blocks)
        {
            CheckBlock(block);
            foreach (var array in (ReadOnlySpan<float[]>)[Live(_keys), Live(_values)])
                for (int layer = 0; layer < Shape.Layers; layer++, o += per)
                    source.Slice(o, per).CopyTo(array.AsSpan(checked((int)RowOffset(layer, block * Shape.BlockSize)), per));
        }
    }

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

    private void RequireLength(int length, int blocks)
    {
        long needed = 2L * Shape.Layers * Shape.FloatsPerBlockPerLayer * blocks;
        if (length < needed) throw new ArgumentException($"Buffer holds {length} floats, {blocks} blocks need {needed}.");
    }

    private void CheckBlock(int block)
    {
        if ((uint)block >= (uint)Shape.Blocks) throw new ArgumentOutOfRangeException(nameof(block), block, $"The cache has {Shape.Blocks} blocks.");
    }

    private static float[] Live(float[]? array) => array ?? throw new ObjectDisposedException(nameof(CpuPagedKvCache));

    private static float* Pin(float[]? array) => (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Live(array)));
}
