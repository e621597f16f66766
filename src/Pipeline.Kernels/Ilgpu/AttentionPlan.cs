namespace Pipeline.Kernels.Ilgpu;

/// <summary>
/// Host-side preparation of an attention call: validates the sequences and flattens them into the int metadata
/// and concatenated block tables the kernels read.
/// </summary>
internal sealed class AttentionPlan
{
    private AttentionPlan(AttentionGeometry geometry, int[] meta, int[] tables, int units, long requiredRows)
    {
        Geometry = geometry;
        Meta = meta;
        Tables = tables;
        Units = units;
        RequiredRows = requiredRows;
    }

    public AttentionGeometry Geometry { get; }
    public int[] Meta { get; }
    public int[] Tables { get; }
    public int Units { get; }
    public long RequiredRows { get; }

    /// <summary>Decode only: the context partitions of the flash-decoding split, four ints each.</summary>
    public int[] Partitions { get; private init; } = [];

    /// <summary>
    /// Flash-decoding: <see cref="Meta"/> holds one unit per sequence (query row, first partition, partition count) and
    /// <see cref="Partitions"/> one entry per stretch of at most <paramref name="partition"/> context positions
    /// (query row, first position, end position, table offset).
    /// </summary>
    public static AttentionPlan ForDecode(KvCacheShape shape, int layer, IReadOnlyList<AttentionSequence> sequences, int heads, int partition)
    {
        var geometry = MakeGeometry(shape, layer, heads);
        var meta = new List<int>();
        var parts = new List<int>();
        var tables = new List<int>();
        long rows = 0;
        foreach (var s in Validated(shape, sequences))
        {
            if (s.QueryCount != 1) throw new ArgumentException($"Decode attention takes one query per sequence, got {s.QueryCount}.");
            meta.AddRange([s.QueryRow, parts.Count / 4, (s.ContextLength + partition - 1) / partition]);
            for (var start = 0; start < s.ContextLength; start += partition)
            {
                parts.AddRange([s.QueryRow, start, Math.Min(start + partition, s.ContextLength), tables.Count]);
            }
            tables.AddRange(s.BlockTable);
            rows = Math.Max(rows, s.QueryRow + 1L);
        }
        return new AttentionPlan(geometry, meta.ToArray(), tables.ToArray(), sequences.Count, rows) { Partitions = parts.ToArray() };
    }

    /// <summary>The tile count, then one unit per tile of up to <paramref name="tile"/> query rows: (first row, rows, first position, table offset).</summary>
    public static AttentionPlan ForPrefill(KvCacheShape shape, int layer, IReadOnlyList<AttentionSequence> sequences, int heads, int tile)
    {
        var geometry = MakeGeometry(shape, layer, heads);
        var meta = new List<int> { 0 }; // tile count, patched below
        var tables = new List<int>();
        long rows = 0;
        var units = 0;
        foreach (var s in Validated(shape, sequences))
        {
            var offset = tables.Count;
            tables.AddRange(s.BlockTable);
            for (var start = 0; start < s.QueryCount; start += tile, units++)
            {
                meta.AddRange([s.QueryRow + start, Math.Min(tile, s.QueryCount - start), s.ContextLength - s.QueryCount + start, offset]);
            }
            rows = Math.Max(rows, (long)s.QueryRow + s.QueryCount);
        }
        meta[0] = units;
        return new AttentionPlan(geometry, meta.ToArray(), tables.ToArray(), units, rows);
    }

    private static AttentionGeometry MakeGeometry(KvCacheShape shape, int layer, int heads)
    {
        if ((uint)layer >= (uint)shape.Layers) throw new ArgumentOutOfRangeException(nameof(layer), layer, $"The cache has {shape.Layers} layers.");
        if (heads <= 0 || heads % shape.KvHeads != 0) throw new ArgumentException($"{heads} query heads cannot share {shape.KvHeads} KV heads.");
        if (shape.HeadDim > IlgpuKernels.MaxHeadDim) throw new ArgumentException($"Head dimension {shape.HeadDim} exceeds {IlgpuKernels.MaxHeadDim}.");
        return new AttentionGeometry(heads, shape.KvHeads, shape.HeadDim, shape.BlockSize,
            (long)layer * shape.Blocks * shape.BlockSize, 1f / MathF.Sqrt(shape.HeadDim));
    }

    private static IEnumerable<AttentionSequence> Validated(KvCacheShape shape, IReadOnlyList<AttentionSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        foreach (var s in sequences)
        {
            ArgumentNullException.ThrowIfNull(s);
            if (s.QueryCount <= 0 || s.QueryRow < 0 || s.ContextLength < s.QueryCount)
            {
                throw new ArgumentException($"Invalid attention sequence (row {s.QueryRow}, queries {s.QueryCount}, context {s.ContextLength}).");
            }
            var needed = (s.ContextLength + shape.BlockSize - 1) / shape.BlockSize;
            if (s.BlockTable.Count < needed) throw new ArgumentException($"Block table has {s.BlockTable.Count} blocks, context {s.ContextLength} needs {needed}.");
            for (var b = 0; b < needed; b++)
            {
                if ((uint)s.BlockTable[b] >= (uint)shape.Blocks) throw new ArgumentException($"Block {s.BlockTable[b]} is outside the cache ({shape.Blocks} blocks).");
            }
            yield return s;
        }
    }
}
