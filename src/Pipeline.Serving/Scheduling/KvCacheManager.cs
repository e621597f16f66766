using Pipeline.Core.Memory;

namespace Pipeline.Serving.Scheduling;

/// <summary>
/// Paged KV-cache bookkeeping of one worker, on a <see cref="BlockPool"/>: each sequence owns a block table
/// that grows as the sequence does and is freed whole. Admissions may keep a reserve of
/// <see cref="WatermarkBlocks"/> free blocks so running sequences can grow without immediately preempting
/// (vLLM's watermark); growth of an already running sequence may use the reserve.
/// </summary>
public sealed class KvCacheManager
{
    private readonly BlockPool _pool;
    private readonly Dictionary<int, KvBlockTable> _tables = [];

    /// <summary>Creates a manager over <paramref name="blocks"/> blocks of <paramref name="blockSize"/> tokens.</summary>
    public KvCacheManager(int blocks, int blockSize, int watermarkBlocks = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(watermarkBlocks);
        _pool = new BlockPool(blocks);
        BlockSize = blockSize;
        WatermarkBlocks = Math.Min(watermarkBlocks, blocks);
    }

    /// <summary>Tokens per block.</summary>
    public int BlockSize { get; }

    /// <summary>Total blocks.</summary>
    public int Capacity => _pool.Capacity;

    /// <summary>Free blocks.</summary>
    public int FreeBlocks => _pool.FreeCount;

    /// <summary>Blocks owned by sequences.</summary>
    public int UsedBlocks => _pool.UsedCount;

    /// <summary>Most blocks ever in use at once.</summary>
    public int PeakUsedBlocks => _pool.PeakUsed;

    /// <summary>Free blocks admissions leave untouched.</summary>
    public int WatermarkBlocks { get; }

    /// <summary>Sequences that own blocks.</summary>
    public IReadOnlyCollection<int> Sequences => _tables.Keys;

    /// <summary>The sequence's live table, for a caller that keeps it to skip the lookup (null when it owns none).</summary>
    internal KvBlockTable? Find(int sequence) => _tables.GetValueOrDefault(sequence);

    /// <summary>Blocks needed to hold <paramref name="tokens"/> tokens.</summary>
    public int BlocksFor(int tokens) => (tokens + BlockSize - 1) / BlockSize;

    /// <summary>Blocks a sequence owns now.</summary>
    public int BlocksOf(int sequence) => _tables.TryGetValue(sequence, out var table) ? table.Count : 0;

    /// <summary>The sequence's block table (block ids in position order); empty when it owns none.</summary>
    public IReadOnlyList<int> BlockTable(int sequence)
    {
        if (!_tables.TryGetValue(sequence, out var table)) return [];
        return table.View;
    }

    /// <summary>Blocks that must be allocated for the sequence to hold <paramref name="tokens"/> tokens.</summary>
    public int Shortfall(int sequence, int tokens) => Math.Max(0, BlocksFor(tokens) - BlocksOf(sequence));

    /// <summary>True when the sequence can grow to <paramref name="tokens"/> tokens now (keeping the watermark if asked).</summary>
    public bool CanGrow(int sequence, int tokens, bool keepWatermark = false) =>
        Shortfall(sequence, tokens) <= _pool.FreeCount - (keepWatermark ? WatermarkBlocks : 0);

    /// <summary>
    /// Grows the sequence's table to hold <paramref name="tokens"/> tokens; allocates nothing and returns false
    /// when the blocks are not there (all or nothing).
    /// </summary>
    public bool TryGrow(int sequence, int tokens, bool keepWatermark = false) => TryGrow(sequence, tokens, keepWatermark, 0);

    /// <summary><see cref="TryGrow(int, int, bool)"/>, sizing a new table for <paramref name="expectedTokens"/> so it does not regrow.</summary>
    internal bool TryGrow(int sequence, int tokens, bool keepWatermark, int expectedTokens) => TryGrow(sequence, tokens, keepWatermark, expectedTokens, null, out _);

    /// <summary>
    /// <see cref="TryGrow(int, int, bool, int)"/>, giving the table grown (null when it returns false). A caller that
    /// keeps the sequence's live table passes it as <paramref name="known"/> to spare the lookup by id.
    /// </summary>
    internal bool TryGrow(int sequence, int tokens, bool keepWatermark, int expectedTokens, KvBlockTable? known, out KvBlockTable? grown)
    {
        grown = null;
        // At most one lookup; the same rule as CanGrow.
        var table = known;
        if (table is null) _tables.TryGetValue(sequence, out table);
        var shortfall = Math.Max(0, BlocksFor(tokens) - (table?.Count ?? 0));
        if (shortfall > _pool.FreeCount - (keepWatermark ? WatermarkBlocks : 0))
        {
            return false;
        }
        if (table is null)
        {
            table = new KvBlockTable(Math.Max(BlocksFor(tokens), BlocksFor(expectedTokens)));
            _tables[sequence] = table;
        }
        for (var i = 0; i < shortfall; i++)
        {
            table.Add(_pool.Allocate());
        }
        grown = table;
        return true;
    }

    /// <summary>Frees every block of the sequence (no-op when it owns none); returns how many were freed.</summary>
    public int Free(int sequence)
    {
        if (!_tables.Remove(sequence, out var table))
        {
            return 0;
        }
        for (var i = 0; i < table.Count; i++)
        {
            _pool.Free(table.Blocks[i]);
        }
        return table.Count;
    }
}
