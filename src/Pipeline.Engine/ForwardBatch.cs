using Pipeline.Kernels;
using Pipeline.Plans;

namespace Pipeline.Engine;

/// <summary>Chunks packed into one batch: flat tokens, positions, KV slots and the attention calls to make.</summary>
internal sealed class ForwardBatch
{
    public required int Rows { get; init; }
    public required bool IsDecode { get; init; }
    public required int[] Tokens { get; init; }
    public required int[] Positions { get; init; }
    public required int[] Slots { get; init; }
    public required IReadOnlyList<AttentionSequence> PrefillSequences { get; init; }
    public required IReadOnlyList<AttentionSequence> DecodeSequences { get; init; }
    public required int[] LogitRows { get; init; }

    /// <summary>Packs and validates chunks; a violated precondition is a caller bug, so it throws.</summary>
    public static ForwardBatch Build(IReadOnlyList<SequenceChunk> chunks, KvCacheShape shape, ModelArchitecture a)
    {
        var rows = 0;
        foreach (var c in chunks)
        {
            ArgumentNullException.ThrowIfNull(c);
            if (c.Tokens.Count == 0) throw new ArgumentException("A chunk has no tokens.");
            if (c.StartPosition < 0) throw new ArgumentException($"Negative start position {c.StartPosition}.");
            var end = c.StartPosition + c.Tokens.Count;
            if (end > a.ContextLength) throw new ArgumentException($"Chunk ends at position {end}, beyond the context length {a.ContextLength}.");
            if ((long)c.BlockTable.Count * shape.BlockSize < end)
            {
                throw new ArgumentException($"Block table of {c.BlockTable.Count} blocks does not cover {end} positions (block size {shape.BlockSize}).");
            }
            // Attention reads every earlier position too, so every block up to the chunk's end must exist.
            for (var b = 0; b < (end + shape.BlockSize - 1) / shape.BlockSize; b++)
            {
                if ((uint)c.BlockTable[b] >= (uint)shape.Blocks) throw new ArgumentException($"Block {c.BlockTable[b]} is outside the cache ({shape.Blocks} blocks).");
            }
            rows += c.Tokens.Count;
        }

        var tokens = new int[rows];
        var positions = new int[rows];
        var slots = new int[rows];
        var prefill = new List<AttentionSequence>();
        var decode = new List<AttentionSequence>();
        var logitRows = new List<int>();
        var row = 0;
        foreach (var c in chunks)
        {
            var sequence = new AttentionSequence(row, c.Tokens.Count, c.StartPosition + c.Tokens.Count, c.BlockTable);
            (c.Tokens.Count == 1 ? decode : prefill).Add(sequence);
            for (var i = 0; i < c.Tokens.Count; i++, row++)
            {
                var token = c.Tokens[i];
                if ((uint)token >= (uint)a.Vocab) throw new ArgumentException($"Token {token} is outside the vocabulary ({a.Vocab}).");
                var position = c.StartPosition + i;
                var block = c.BlockTable[position / shape.BlockSize];
                tokens[row] = token;
                positions[row] = position;
                slots[row] = block * shape.BlockSize + position % shape.BlockSize;
            }
            if (c.WantLogits) logitRows.Add(row - 1);
        }

        return new ForwardBatch
        {
            Rows = rows,
            IsDecode = prefill.Count == 0,
            Tokens = tokens,
            Positions = positions,
            Slots = slots,
            PrefillSequences = prefill,
            DecodeSequences = decode,
            LogitRows = logitRows.ToArray(),
        };
    }
}
