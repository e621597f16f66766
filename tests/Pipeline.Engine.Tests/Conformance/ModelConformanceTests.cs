using Pipeline.Kernels.Tests.Support;
using System.Collections.Concurrent;
using Pipeline.Core.Memory;
using Pipeline.Kernels;
using static Pipeline.Engine.Tests.Conformance.TestModels;

namespace Pipeline.Engine.Tests.Conformance;

/// <summary>
/// Whole-model behaviour every backend must show: the KV cache is exact (prefill then decode, chunked prefill and
/// interleaved batches all equal one prefill of the whole sequence), generation is deterministic and frees its
/// blocks. Subclass once per backend; the backend and model are created once per subclass.
/// </summary>
public abstract class ModelConformanceTests
{
    /// <summary>Allowed normwise relative difference between two paths through the same f32 model.</summary>
    protected const double Tolerance = 1e-4;

    private const int BlockSize = 4;
    private static readonly ConcurrentDictionary<Type, (IKernelBackend Backend, TransformerModel Model)> Shared = new();

    /// <summary>Creates the backend under test (called once per subclass).</summary>
    protected abstract IKernelBackend CreateBackend();

    /// <summary>Tokens each generation test produces (every token runs every kernel once more).</summary>
    protected virtual int GeneratedTokens => 12;

    /// <summary>A tiny GQA (2:1) model on the subclass's backend.</summary>
    protected TransformerModel Model => Shared.GetOrAdd(GetType(), _ =>
    {
        var backend = CreateBackend();
        return (backend, TransformerModel.Create(backend, RandomWeightsGenerator.Generate(Tiny(), seed: 7)));
    }).Model;

    [BackendFact]
    public void Prefill_then_decode_gives_the_logits_of_a_prefill_of_the_whole_sequence()
    {
        var tokens = Prompt(21, seed: 1);
        var whole = Run([(tokens, 0)]);
        using var cache = Model.CreateKvCache(16, BlockSize);
        var pool = new BlockPool(16);
        var table = Scattered(pool, 6);
        float[] last = Model.Forward([new SequenceChunk(tokens[..13], 0, table, true)], cache)[0];
        for (var p = 13; p < tokens.Length; p++)
        {
            last = Model.Forward([new SequenceChunk([tokens[p]], p, table, true)], cache)[0];
        }
        RelativeError(last, whole).Should().BeLessThanOrEqualTo(Tolerance);
    }

    [BackendFact]
    public void Chunked_prefill_across_block_boundaries_matches_one_prefill()
    {
        var tokens = Prompt(23, seed: 2);
        var whole = Run([(tokens, 0)]);
        using var cache = Model.CreateKvCache(16, BlockSize);
        var table = Scattered(new BlockPool(16), 6);
        float[] last = [];
        foreach (var start in new[] { 0, 5, 10, 15, 20 })
        {
            var chunk = tokens[start..Math.Min(start + 5, tokens.Length)];
            last = Model.Forward([new SequenceChunk(chunk, start, table, true)], cache)[0];
        }
        RelativeError(last, whole).Should().BeLessThanOrEqualTo(Tolerance);
    }

    [BackendFact]
    public void Interleaved_sequences_in_one_batch_match_each_sequence_run_alone()
    {
        var a = Prompt(9, seed: 3);
        var b = Prompt(14, seed: 4);
        var c = Prompt(6, seed: 5);
        using var cache = Model.CreateKvCache(24, BlockSize);
        var pool = new BlockPool(24);
        var ta = Scattered(pool, 4);
        var tb = Scattered(pool, 5);
        var tc = Scattered(pool, 3);

        // Step 1: a and b prefill (b only partly), c not started. Step 2: a decodes, b finishes its prefill, c prefills.
        Model.Forward([new SequenceChunk(a[..8], 0, ta, false), new SequenceChunk(b[..10], 0, tb, true)], cache);
        var step = Model.Forward(
        [
            new SequenceChunk([a[8]], 8, ta, true),
            new SequenceChunk(b[10..], 10, tb, true),
            new SequenceChunk(c, 0, tc, true),
        ], cache);

        step.Should().HaveCount(3);
        RelativeError(step[0], Run([(a, 0)])).Should().BeLessThanOrEqualTo(Tolerance);
        RelativeError(step[1], Run([(b, 0)])).Should().BeLessThanOrEqualTo(Tolerance);
        RelativeError(step[2], Run([(c, 0)])).Should().BeLessThanOrEqualTo(Tolerance);
    }

    [BackendFact]
    public void A_batch_of_decode_steps_matches_decoding_each_sequence_alone()
    {
        var prompts = Enumerable.Range(0, 5).Select(i => Prompt(3 + 2 * i, seed: 10 + i)).ToArray();
        using var cache = Model.CreateKvCache(40, BlockSize);
        var pool = new BlockPool(40);
        var tables = prompts.Select(p => Scattered(pool, (p.Length + BlockSize) / BlockSize + 1)).ToArray();
        var chunks = prompts.Select((p, i) => new SequenceChunk(p[..^1], 0, tables[i], false)).ToList();
        Model.Forward(chunks, cache).Should().BeEmpty();
        var decoded = Model.Forward(prompts.Select((p, i) => new SequenceChunk([p[^1]], p.Length - 1, tables[i], true)).ToList(), cache);
        for (var i = 0; i < prompts.Length; i++) RelativeError(decoded[i], Run([(prompts[i], 0)])).Should().BeLessThanOrEqualTo(Tolerance);
    }

    [BackendFact]
    public void Only_chunks_that_want_logits_return_them_in_chunk_order()
    {
        var a = Prompt(4, seed: 20);
        var b = Prompt(5, seed: 21);
        using var cache = Model.CreateKvCache(8, BlockSize);
        var pool = new BlockPool(8);
        var result = Model.Forward([new SequenceChunk(a, 0, Scattered(pool, 2), false), new SequenceChunk(b, 0, Scattered(pool, 2), true)], cache);
        result.Should().HaveCount(1);
        result[0].Should().HaveCount(Model.Architecture.Vocab);
        RelativeError(result[0], Run([(b, 0)])).Should().BeLessThanOrEqualTo(Tolerance);
    }

    [BackendFact]
    public void Greedy_generation_is_deterministic_and_frees_its_blocks()
    {
        using var generator = new TextGenerator(Model, blockSize: BlockSize);
        var prompt = Prompt(7, seed: 30);
        var first = generator.Generate(prompt, GeneratedTokens, SamplingOptions.Greedy, keepLogits: true);
        var second = generator.Generate(prompt, GeneratedTokens, SamplingOptions.Greedy, keepLogits: false);
        first.Tokens.Should().HaveCount(GeneratedTokens).And.Equal(second.Tokens);
        first.Logits.Should().HaveCount(GeneratedTokens);
        // The oracle maximises the kept logits itself; Sampler.ArgMax produced both Tokens and ArgMax.
        var largest = first.Logits.Select(row => Array.IndexOf(row, row.Max())).ToArray();
        first.Tokens.Should().Equal(largest, "greedy decoding picks the largest logit");
        first.ArgMax.Should().Equal(largest);
        second.Logits.Should().BeEmpty();
        generator.BlocksInUse.Should().Be(0);
        first.Tokens.Distinct().Count().Should().BeGreaterThan(1, "random weights should not collapse onto one token");
    }

    [BackendFact]
    public void Seeded_sampling_is_reproducible()
    {
        using var generator = new TextGenerator(Model, blockSize: BlockSize);
        var options = new SamplingOptions(Temperature: 1.0f, TopK: 40, TopP: 0.95f, Seed: 99);
        var prompt = Prompt(5, seed: 31);
        generator.Generate(prompt, GeneratedTokens, options, false).Tokens.Should().HaveCount(GeneratedTokens).And.Equal(generator.Generate(prompt, GeneratedTokens, options, false).Tokens);
    }

    [BackendFact]
    public void A_block_table_that_does_not_cover_the_chunk_or_leaves_the_cache_is_rejected()
    {
        using var cache = Model.CreateKvCache(4, BlockSize);
        var tokens = Prompt(6, seed: 40);
        var tooShort = () => Model.Forward([new SequenceChunk(tokens, 0, [0], true)], cache);
        tooShort.Should().Throw<ArgumentException>().WithMessage("*does not cover*");
        var outside = () => Model.Forward([new SequenceChunk([tokens[0]], 5, [9, 1], true)], cache);
        outside.Should().Throw<ArgumentException>().WithMessage("*Block 9 is outside*");
    }

    /// <summary>Prefills each sequence alone in a fresh cache and returns the last sequence's logits.</summary>
    private float[] Run(IReadOnlyList<(int[] Tokens, int Start)> sequences)
    {
        using var cache = Model.CreateKvCache(16, BlockSize);
        var pool = new BlockPool(16);
        float[] last = [];
        foreach (var (tokens, start) in sequences)
        {
            last = Model.Forward([new SequenceChunk(tokens, start, Scattered(pool, (tokens.Length + BlockSize - 1) / BlockSize), true)], cache)[0];
        }
        return last;
    }

    /// <summary>Allocates blocks, then returns them in a shuffled order so tables are not contiguous.</summary>
    private static int[] Scattered(BlockPool pool, int count)
    {
        var blocks = Enumerable.Range(0, count).Select(_ => pool.Allocate()).ToArray();
        new Random(count * 31 + pool.UsedCount).Shuffle(blocks);
        return blocks;
    }
}
