namespace Pipeline.Core.Memory;

/// <summary>
/// A pool of <see cref="Capacity"/> fixed-size blocks named by integer ids <c>0..Capacity-1</c>.
/// Allocation takes the lowest free id (deterministic); freeing a block that is not allocated is a bug
/// and throws. The paged KV cache (engine) and the KV-cache manager (serving) both allocate from it.
/// Memory grows with the most blocks ever in use, not with the capacity: a simulated accelerator with room for
/// millions of blocks costs nothing until they are used.
/// </summary>
public sealed class BlockPool
{
    // Lowest free id first: freed ids wait in a min-heap; ids never handed out start at _fresh, above every freed one.
    private readonly PriorityQueue<int, int> _freed = new();
    private bool[] _used = [];
    private int _fresh;

    /// <summary>Creates a pool with every block free.</summary>
    public BlockPool(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
    }

    /// <summary>Total number of blocks.</summary>
    public int Capacity { get; }

    /// <summary>Blocks that can be allocated now.</summary>
    public int FreeCount => Capacity - _fresh + _freed.Count;

    /// <summary>Blocks currently allocated.</summary>
    public int UsedCount => _fresh - _freed.Count;

    /// <summary>The largest <see cref="UsedCount"/> seen since creation (high-water mark).</summary>
    public int PeakUsed { get; private set; }

    /// <summary>True when <paramref name="count"/> blocks can be allocated now.</summary>
    public bool CanAllocate(int count) => count <= FreeCount;

    /// <summary>Allocates one block, or returns false when none is free.</summary>
    public bool TryAllocate(out int block)
    {
        if (_freed.Count > 0)
        {
            block = _freed.Dequeue();
        }
        else if (_fresh < Capacity)
        {
            block = _fresh++;
            if (block == _used.Length) Array.Resize(ref _used, (int)Math.Min(Capacity, Math.Max(16L, 2L * _used.Length)));
        }
        else
        {
            block = -1;
            return false;
        }
        _used[block] = true;
        PeakUsed = Math.Max(PeakUsed, UsedCount);
        return true;
    }

    /// <summary>Allocates one block; throws <see cref="InvalidOperationException"/> when the pool is exhausted.</summary>
    public int Allocate() =>
        TryAllocate(out var block) ? block : throw new InvalidOperationException($"Block pool exhausted ({Capacity} blocks in use).");

    /// <summary>Returns a block to the pool.</summary>
    public void Free(int block)
    {
        if ((uint)block >= (uint)_fresh || !_used[block])
        {
            throw new InvalidOperationException($"Block {block} is not allocated.");
        }
        _used[block] = false;
        _freed.Enqueue(block, block);
    }

    /// <summary>True when the block is currently allocated.</summary>
    public bool IsAllocated(int block) => (uint)block < (uint)_fresh && _used[block];
}
