using System.Diagnostics;
using Pipeline.Core.Memory;
using Pipeline.Engine;

namespace Pipeline.Benchmarks;

/// <summary>Times the engine's prefill and decode steps on one model.</summary>
internal sealed class ModelRunBenchmark(TransformerModel model, int[] prompt, int iterations)
{
    private const int BlockSize = 16;

    /// <summary>Best time of up to three prefills of the prompt (after one warm-up).</summary>
    public double PrefillSeconds()
    {
        var blocks = (prompt.Length + BlockSize - 1) / BlockSize;
        using var cache = model.CreateKvCache(blocks, BlockSize);
        var table = Enumerable.Range(0, blocks).ToArray();
        var chunk = new SequenceChunk(prompt, 0, table, true);
        model.Forward([chunk], cache);
        var best = double.MaxValue;
        for (var i = 0; i < Math.Min(3, iterations); i++)
        {
            var watch = Stopwatch.StartNew();
            model.Forward([chunk], cache);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>
    /// Mean time of one decode step of <paramref name="batch"/> sequences that share the prompt as context. The prompt
    /// is prefilled once and its KV blocks copied to every other sequence (as a prefix cache would), so large batches
    /// do not need <c>batch</c> prefills.
    /// </summary>
    public double DecodeStepSeconds(int batch)
    {
        var promptBlocks = (prompt.Length + BlockSize - 1) / BlockSize;
        var perSequence = (prompt.Length + iterations + 1 + BlockSize - 1) / BlockSize;
        using var cache = model.CreateKvCache(batch * perSequence, BlockSize);
        var pool = new BlockPool(batch * perSequence);
        var tables = Enumerable.Range(0, batch).Select(_ => Enumerable.Range(0, perSequence).Select(_ => pool.Allocate()).ToArray()).ToArray();
        model.Forward([new SequenceChunk(prompt, 0, tables[0], false)], cache);
        var floats = new float[promptBlocks * 2 * cache.Shape.Layers * cache.Shape.FloatsPerBlockPerLayer];
        cache.ReadBlocks(tables[0].AsSpan(0, promptBlocks), floats);
        for (var s = 1; s < batch; s++) cache.WriteBlocks(tables[s].AsSpan(0, promptBlocks), floats);

        var token = prompt[^1];
        var position = prompt.Length;
        IReadOnlyList<SequenceChunk> Step(int p) => tables.Select(t => new SequenceChunk([token], p, t, true)).ToList();
        model.Forward(Step(position++), cache); // warm-up
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++) model.Forward(Step(position++), cache);
        return watch.Elapsed.TotalSeconds / iterations;
    }
}
