using Pipeline.Kernels.Tests.Support;
using static Pipeline.Kernels.Tests.Conformance.ConformanceData;

namespace Pipeline.Kernels.Tests.Conformance;

public abstract partial class KernelConformanceTests
{
    private const int Layers = 2;
    private const int Layer = 1; // the second layer, so a wrong layer offset shows up
    private const int BlockSize = 5;

    [BackendTheory]
    [InlineData(4, 4, 32)]
    [InlineData(4, 2, 64)]
    [InlineData(8, 2, 48)]
    [InlineData(8, 1, 128)]
    public void Prefill_attention_matches_reference_for_chunks_with_prior_context(int heads, int kvHeads, int headDim)
    {
        // (context, new queries): a whole prompt, a chunk after 14 cached tokens, a chunk longer than a tile.
        (int Context, int Queries)[] shapes = [(7, 7), (23, 9), (21, 17)];
        CheckAttention(prefill: true, heads, kvHeads, headDim, shapes, seed: heads * 100 + kvHeads * 10 + headDim);
    }

    [BackendTheory]
    [InlineData(4, 4, 32)]
    [InlineData(4, 2, 64)]
    [InlineData(8, 2, 48)]
    [InlineData(8, 1, 128)]
    [InlineData(2, 1, 256)] // the largest head: each lane of the narrowest warp holds MaxHeadDim / MinWarpSize values
    public void Decode_attention_matches_reference_for_sequences_of_different_lengths(int heads, int kvHeads, int headDim)
    {
        (int Context, int Queries)[] shapes = [(1, 1), (6, 1), (23, 1), (40, 1), (5, 1)];
        CheckAttention(prefill: false, heads, kvHeads, headDim, shapes, seed: heads * 31 + kvHeads * 7 + headDim);
    }

    [BackendFact]
    public void AppendKv_writes_rows_at_their_slots_in_the_shared_layout()
    {
        var shape = new KvCacheShape(Layers, Blocks: 6, BlockSize: 4, KvHeads: 2, HeadDim: 8);
        var kvDim = shape.KvHeads * shape.HeadDim;
        var random = new Random(51);
        int[] slots = [4 * 3 + 1, 4 * 0 + 3, 4 * 5 + 0];
        var k = Floats(random, slots.Length * kvDim);
        var v = Floats(random, slots.Length * kvDim);
        using var cache = Backend.CreateKvCache(shape);
        using var kt = Tensor(k);
        using var vt = Tensor(v);
        Backend.AppendKv(cache, Layer, kt, vt, slots);

        var per = shape.FloatsPerBlockPerLayer;
        var blocks = new float[shape.Blocks * 2 * Layers * per];
        cache.ReadBlocks(Enumerable.Range(0, shape.Blocks).ToArray(), blocks);
        for (var r = 0; r < slots.Length; r++)
        {
            var block = slots[r] / shape.BlockSize;
            var slot = slots[r] % shape.BlockSize;
            var kAt = block * 2 * Layers * per + Layer * per + slot * kvDim;
            var vAt = kAt + Layers * per;
            blocks.AsSpan(kAt, kvDim).ToArray().Should().Equal(k.AsSpan(r * kvDim, kvDim).ToArray());
            blocks.AsSpan(vAt, kvDim).ToArray().Should().Equal(v.AsSpan(r * kvDim, kvDim).ToArray());
        }
    }

    [BackendFact]
    public void Blocks_written_to_the_cache_read_back_unchanged_in_any_order()
    {
        var shape = new KvCacheShape(Layers, Blocks: 7, BlockSize: 3, KvHeads: 1, HeadDim: 4);
        var floats = 2 * Layers * shape.FloatsPerBlockPerLayer;
        int[] blocks = [6, 1, 4];
        var data = Floats(new Random(52), blocks.Length * floats);
        using var cache = Backend.CreateKvCache(shape);
        cache.WriteBlocks(blocks, data);
        var back = new float[data.Length];
        cache.ReadBlocks(blocks, back);
        back.Should().Equal(data);
        var one = new float[floats];
        cache.ReadBlocks([4], one);
        one.Should().Equal(data.AsSpan(2 * floats, floats).ToArray());
    }

    private void CheckAttention(bool prefill, int heads, int kvHeads, int headDim, (int Context, int Queries)[] shapes, int seed)
    {
        var random = new Random(seed);
        var blocksNeeded = shapes.Sum(s => (s.Context + BlockSize - 1) / BlockSize);
        var shape = new KvCacheShape(Layers, blocksNeeded + 3, BlockSize, kvHeads, headDim);
        var per = shape.FloatsPerBlockPerLayer;
        var kvDim = kvHeads * headDim;
        var hidden = heads * headDim;

        // Block tables scattered across the pool; every block (used or not) holds random K/V.
        var pool = Permutation(random, shape.Blocks);
        var host = Floats(random, shape.Blocks * 2 * Layers * per);
        using var cache = Backend.CreateKvCache(shape);
        cache.WriteBlocks(Enumerable.Range(0, shape.Blocks).ToArray(), host);

        // Query rows of the sequences are packed in reverse order so row offsets matter.
        var totalRows = shapes.Sum(s => s.Queries);
        var sequences = new List<AttentionSequence>();
        var nextBlock = 0;
        var row = totalRows;
        foreach (var (context, queries) in shapes)
        {
            var table = pool.Skip(nextBlock).Take((context + BlockSize - 1) / BlockSize).ToArray();
            nextBlock += table.Length;
            row -= queries;
            sequences.Add(new AttentionSequence(row, queries, context, table));
        }

        var q = Floats(random, totalRows * hidden);
        using var qt = Tensor(q);
        using var output = Poisoned(totalRows * hidden);
        if (prefill) Backend.PrefillAttention(qt, cache, Layer, sequences, heads, output);
        else Backend.DecodeAttention(qt, cache, Layer, sequences, heads, output);

        var expected = new double[totalRows * hidden];
        foreach (var s in sequences)
        {
            float[] Slice(int p, int kvHead, int array)
            {
                var block = s.BlockTable[p / BlockSize];
                var at = block * 2 * Layers * per + array * Layers * per + Layer * per + (p % BlockSize) * kvDim + kvHead * headDim;
                return host.AsSpan(at, headDim).ToArray();
            }
            KernelReference.Attention(q, s, heads, kvHeads, headDim, (p, h) => Slice(p, h, 0), (p, h) => Slice(p, h, 1), expected);
        }
        RelativeError(Read(output, expected.Length), expected).Should().BeLessThanOrEqualTo(Tolerance);
    }
}
