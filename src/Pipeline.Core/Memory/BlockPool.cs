namespace Pipeline.Core.Memory;

/// <summary>
/// A pool of <see cref="Capacity"/> fixed-size blocks named by integer ids <c>0..Capacity-1</c>.
/// Allocation takes the lowest free id (deterministic); freeing a block that is not allocated is a bug
/// and throws. The paged KV cache (engine) and the KV-cache manager (serving) both allocate from it.
/// </summary>
public sealed class BlockPool
{
    // Lowest free id first: a min-heap (the same order as a sorted set, without its per-operation tree walks).
    private readonly PriorityQueue<int, int> _free;
    private readonly bool[] _used;

    /// <summary>Creates a pool with every block free.</summary>
    public BlockPool(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        _free = new PriorityQueue<int, int>(Enumerable.Range(0, capacity).Select(i => (i, i)));
        _used = new bool[capacity];
    }

    /// <summary>Total number of blocks.</summary>
    public int Capacity { get; }

    /// <summary>Blocks that can be allocated now.</summary>
    public int FreeCount => _free.Count;

    /// <summary>Blocks currently allocated.</summary>
    public int UsedCount => Capacity - _free.Count;

    /// <summary>The largest <see cref="UsedCount"/> seen since creation (high-water mark).</summary>
    public int PeakUsed { get; private set; }

    /// <summary>True when <paramref name="count"/> blocks can be allocated now.</summary>
    public bool CanAllocate(int count) => count <= _free.Count;

    /// <summary>Allocates one block, or returns false when none is free.</summary>
    public bool TryAllocate(out int block)
    {
        if (_free.Count == 0)
        {
            block = -1;
            return false;
        }
        block = _free.Dequeue();
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
        if ((uint)block >= (uint)Capacity || !_used[block])
        {
            throw new InvalidOperationException($"Block {block} is not allocated.");
        }
        _used[block] = false;
        _free.Enqueue(block, block);
    }

    /// <summary>True when the block is currently allocated.</summary>
    public bool IsAllocated(int block) => (uint)block < (uint)Capacity && _used[block];
}
