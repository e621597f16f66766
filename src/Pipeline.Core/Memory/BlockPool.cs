using System.Numerics;

namespace Pipeline.Core.Memory;

/// <summary>
/// A pool of <see cref="Capacity"/> fixed-size blocks named by integer ids <c>0..Capacity-1</c>.
/// Allocation takes the lowest free id (deterministic); freeing a block that is not allocated is a bug
/// and throws. The paged KV cache (engine) and the KV-cache manager (serving) both allocate from it.
/// Memory grows with the most blocks ever in use, not with the capacity: a simulated accelerator with room for
/// millions of blocks costs nothing until they are used.
/// </summary>
/// <remarks>
/// Freed ids are bits of a bitmap with a second bitmap of its non-empty words, so the lowest freed id is found with two
/// or three word scans and a trailing-zero count (a min-heap did a sift per block allocated and freed: a simulated
/// step frees and takes thousands). Ids never handed out start at the fresh mark, above every freed one.
/// </remarks>
public sealed class BlockPool
{
    private ulong[] _freed = [];     // bit b: block b (below _fresh) is free
    private ulong[] _nonEmpty = [];  // bit w: _freed[w] != 0
    private int _lowestNonEmpty;     // no non-empty summary word below this one
    private int _freedCount;
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
    public int FreeCount => Capacity - _fresh + _freedCount;

    /// <summary>Blocks currently allocated.</summary>
    public int UsedCount => _fresh - _freedCount;

    /// <summary>The largest <see cref="UsedCount"/> seen since creation (high-water mark).</summary>
    public int PeakUsed { get; private set; }

    /// <summary>True when <paramref name="count"/> blocks can be allocated now.</summary>
    public bool CanAllocate(int count) => count <= FreeCount;

    /// <summary>Allocates one block, or returns false when none is free.</summary>
    public bool TryAllocate(out int block)
    {
        if (_freedCount > 0)
        {
            block = TakeLowestFreed();
        }
        else if (_fresh < Capacity)
        {
            block = _fresh++;
            var words = (block >> 6) + 1;
            if (words > _freed.Length)
            {
                var size = (int)Math.Min((Capacity + 63L) >> 6, Math.Max(4L, 2L * _freed.Length));
                Array.Resize(ref _freed, size);
                Array.Resize(ref _nonEmpty, (size + 63) >> 6);
            }
        }
        else
        {
            block = -1;
            return false;
        }
        PeakUsed = Math.Max(PeakUsed, UsedCount);
        return true;
    }

    /// <summary>Allocates one block; throws <see cref="InvalidOperationException"/> when the pool is exhausted.</summary>
    public int Allocate() =>
        TryAllocate(out var block) ? block : throw new InvalidOperationException($"Block pool exhausted ({Capacity} blocks in use).");

    /// <summary>Returns a block to the pool.</summary>
    public void Free(int block)
    {
        if (!IsAllocated(block))
        {
            throw new InvalidOperationException($"Block {block} is not allocated.");
        }
        var word = block >> 6;
        if (_freed[word] == 0)
        {
            _nonEmpty[word >> 6] |= 1UL << word;
            if ((word >> 6) < _lowestNonEmpty) _lowestNonEmpty = word >> 6;
        }
        _freed[word] |= 1UL << block;
        _freedCount++;
    }

    /// <summary>True when the block is currently allocated.</summary>
    public bool IsAllocated(int block) => (uint)block < (uint)_fresh && (_freed[block >> 6] & (1UL << block)) == 0;

    private int TakeLowestFreed()
    {
        var summary = _lowestNonEmpty;
        while (_nonEmpty[summary] == 0) summary++;
        _lowestNonEmpty = summary;
        var word = (summary << 6) + BitOperations.TrailingZeroCount(_nonEmpty[summary]);
        var bits = _freed[word];
        var block = (word << 6) + BitOperations.TrailingZeroCount(bits);
        bits &= bits - 1;
        _freed[word] = bits;
        if (bits == 0) _nonEmpty[summary] &= ~(1UL << word);
        _freedCount--;
        return block;
    }
}
