using System.Diagnostics;
using Pipeline.Core.Memory;
using Pipeline.Kernels;

namespace Pipeline.Engine;

/// <summary>
/// Single-sequence generation: one prefill of the prompt, then one decode step per token, on its own
/// <see cref="BlockPool"/> and KV cache (blocks are freed when a generation ends).
/// </summary>
public sealed class TextGenerator : IDisposable
{
    private readonly TransformerModel _model;
    private readonly BlockPool _pool;
    private readonly PagedKvCache _cache;
    private readonly int _blockSize;

    /// <summary>Creates a generator with a cache of <paramref name="blocks"/> blocks of <paramref name="blockSize"/> tokens (default: the whole context).</summary>
    public TextGenerator(TransformerModel model, int blockSize = 16, int? blocks = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        _model = model;
        _blockSize = blockSize;
        var count = blocks ?? (model.Architecture.ContextLength + blockSize - 1) / blockSize;
        _pool = new BlockPool(count);
        _cache = model.CreateKvCache(count, blockSize);
    }

    /// <summary>Blocks currently allocated (zero between generations).</summary>
    public int BlocksInUse => _pool.UsedCount;

    /// <summary>
    /// Generates up to <paramref name="maxTokens"/> tokens after <paramref name="prompt"/>; <paramref name="onToken"/>
    /// sees each token as it is sampled (to stream it) and ends the generation early by returning false (an
    /// end-of-generation token; it is kept in the result).
    /// </summary>
    public GenerationResult Generate(IReadOnlyList<int> prompt, int maxTokens, SamplingOptions sampling, bool keepLogits, Func<int, bool>? onToken = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(sampling);
        if (prompt.Count == 0) throw new ArgumentException("The prompt is empty.", nameof(prompt));
        ArgumentOutOfRangeException.ThrowIfNegative(maxTokens);
        var limit = _model.Architecture.ContextLength;
        if (prompt.Count + maxTokens > limit + 1) throw new ArgumentException($"Prompt ({prompt.Count}) plus {maxTokens} tokens exceed the context length {limit}.");

        var sampler = new Sampler(sampling);
        var table = new List<int>();
        var tokens = new List<int>();
        var argMax = new List<int>();
        var logits = new List<float[]>();
        try
        {
            var watch = Stopwatch.StartNew();
            if (maxTokens == 0) return new GenerationResult(tokens, argMax, logits, 0, 0);
            Grow(table, prompt.Count);
            var last = _model.Forward([new SequenceChunk(prompt, 0, table, true)], _cache)[0];
            var prefill = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var position = prompt.Count;
            while (true)
            {
                tokens.Add(sampler.Sample(last));
                argMax.Add(Sampler.ArgMax(last));
                if (keepLogits) logits.Add(last);
                var more = onToken?.Invoke(tokens[^1]) != false;
                if (tokens.Count == maxTokens || !more) break;
                Grow(table, position + 1);
                last = _model.Forward([new SequenceChunk([tokens[^1]], position, table, true)], _cache)[0];
                position++;
            }
            return new GenerationResult(tokens, argMax, logits, prefill, watch.Elapsed.TotalSeconds);
        }
        finally
        {
            foreach (var block in table) _pool.Free(block);
        }
    }

    /// <summary>Frees the KV cache.</summary>
    public void Dispose() => _cache.Dispose();

    private void Grow(List<int> table, int positions)
    {
        while (table.Count * _blockSize < positions) table.Add(_pool.Allocate());
    }
}
