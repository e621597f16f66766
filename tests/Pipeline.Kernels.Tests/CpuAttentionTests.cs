using Pipeline.Kernels;
using Pipeline.Kernels.Cpu;
using static Pipeline.Kernels.Tests.CpuTestData;

namespace Pipeline.Kernels.Tests;

/// <summary>The fast CPU backend's paged KV cache and attention against a double-precision softmax reference.</summary>
public sealed class CpuAttentionTests : IDisposable
{
    private const int Heads = 4, KvHeads = 2, HeadDim = 16, BlockSize = 4, Layers = 2, Width = Heads * HeadDim, KvWidth = KvHeads * HeadDim;
    private readonly CpuKernelBackend _backend = new(threads: 2);

    public void Dispose() => _backend.Dispose();

    [Fact]
    public void AppendKv_writes_the_shared_layout_and_blocks_round_trip()
    {
        var shape = new KvCacheShape(Layers, Blocks: 3, BlockSize, KvHeads, HeadDim);
        using var cache = _backend.CreateKvCache(shape);
        var k = Random(2 * KvWidth, 10);
        var v = Random(2 * KvWidth, 11);
        using var kt = Upload(_backend, k);
        using var vt = Upload(_backend, v);
        _backend.AppendKv(cache, 1, kt, vt, new[] { 2 * BlockSize + 1, 3 }); // block 2 slot 1, block 0 slot 3
        var blocks = new float[2 * 2 * Layers * shape.FloatsPerBlockPerLayer];
        cache.ReadBlocks(new[] { 2, 0 }, blocks);
        int per = shape.FloatsPerBlockPerLayer;
        // Block 2: K layer 0, K layer 1, V layer 0, V layer 1.
        blocks.AsSpan(per + KvWidth, KvWidth).ToArray().Should().Equal(k[..KvWidth]);
        blocks.AsSpan(3 * per + KvWidth, KvWidth).ToArray().Should().Equal(v[..KvWidth]);
        blocks.AsSpan(4 * per + per + 3 * KvWidth, KvWidth).ToArray().Should().Equal(k[KvWidth..]);
        blocks.AsSpan(0, per).ToArray().Should().AllBeEquivalentTo(0f, "layer 0 was not written");

        using var copy = _backend.CreateKvCache(shape);
        copy.WriteBlocks(new[] { 1, 2 }, blocks);
        var back = new float[blocks.Length];
        copy.ReadBlocks(new[] { 1, 2 }, back);
        back.Should().Equal(blocks);
    }

    [Fact]
    public void Prefill_attention_is_causal_grouped_and_paged()
    {
        // Two sequences, non-contiguous block tables; the second has 3 new queries on top of 6 cached tokens.
        var sequences = new[]
        {
            new AttentionSequence(QueryRow: 0, QueryCount: 5, ContextLength: 5, BlockTable: new[] { 3, 0 }),
            new AttentionSequence(QueryRow: 5, QueryCount: 3, ContextLength: 9, BlockTable: new[] { 5, 1, 4 }),
        };
        AssertAttention(sequences, prefill: true);
    }

    [Fact]
    public void Decode_attention_matches_for_one_query_per_sequence()
    {
        var sequences = new[]
        {
            new AttentionSequence(0, 1, 1, new[] { 2 }),
            new AttentionSequence(1, 1, 11, new[] { 4, 0, 5 }),
            new AttentionSequence(2, 1, 8, new[] { 1, 3 }),
        };
        AssertAttention(sequences, prefill: false);
    }

    [Fact]
    public void Long_decode_context_spreads_over_many_blocks_without_overflow()
    {
        var table = Enumerable.Range(0, 6).Reverse().ToArray();
        AssertAttention(new[] { new AttentionSequence(0, 1, 23, table) }, prefill: false, qScale: 20f);
    }

    private void AssertAttention(AttentionSequence[] sequences, bool prefill, float qScale = 1f)
    {
        var shape = new KvCacheShape(Layers, Blocks: 6, BlockSize, KvHeads, HeadDim);
        using var cache = _backend.CreateKvCache(shape);
        int rows = sequences.Sum(s => s.QueryCount);
        var q = Random(rows * Width, 12, qScale);
        var keys = new List<float[]>();
        var values = new List<float[]>();
        for (int s = 0; s < sequences.Length; s++)
        {
            var seq = sequences[s];
            var k = Random(seq.ContextLength * KvWidth, 100 + s);
            var v = Random(seq.ContextLength * KvWidth, 200 + s);
            keys.Add(k);
            values.Add(v);
            var slots = Enumerable.Range(0, seq.ContextLength).Select(p => seq.BlockTable[p / BlockSize] * BlockSize + p % BlockSize).ToArray();
            using var kt = Upload(_backend, k);
            using var vt = Upload(_backend, v);
            _backend.AppendKv(cache, 1, kt, vt, slots);
        }
        using var qt = Upload(_backend, q);
        using var output = _backend.Allocate(rows * Width);
        if (prefill) _backend.PrefillAttention(qt, cache, 1, sequences, Heads, output);
        else _backend.DecodeAttention(qt, cache, 1, sequences, Heads, output);
        var actual = Download(_backend, output, rows * Width);

        for (int s = 0; s < sequences.Length; s++)
        {
            var seq = sequences[s];
            for (int i = 0; i < seq.QueryCount; i++)
            {
                int row = seq.QueryRow + i, last = seq.ContextLength - seq.QueryCount + i;
                for (int h = 0; h < Heads; h++)
                {
                    int kvh = h / (Heads / KvHeads);
                    var scores = new double[last + 1];
                    for (int p = 0; p <= last; p++)
                    {
                        double dot = 0;
                        for (int d = 0; d < HeadDim; d++) dot += (double)q[row * Width + h * HeadDim + d] * keys[s][p * KvWidth + kvh * HeadDim + d];
                        scores[p] = dot / Math.Sqrt(HeadDim);
                    }
                    double max = scores.Max();
                    var weights = scores.Select(x => Math.Exp(x - max)).ToArray();
                    double total = weights.Sum();
                    for (int d = 0; d < HeadDim; d++)
                    {
                        double expected = 0;
                        for (int p = 0; p <= last; p++) expected += weights[p] / total * values[s][p * KvWidth + kvh * HeadDim + d];
                        actual[row * Width + h * HeadDim + d].Should().BeApproximately((float)expected, 1e-5f, $"seq {s} query {i} head {h} dim {d}");
                    }
                }
            }
        }
    }
}
