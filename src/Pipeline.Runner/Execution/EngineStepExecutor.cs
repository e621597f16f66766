using System.Diagnostics;
using Pipeline.Engine;
using Pipeline.Kernels;
using Pipeline.Serving.Execution;
using Pipeline.Serving.Scheduling;

namespace Pipeline.Runner.Execution;

/// <summary>
/// Execute mode: one worker = one <see cref="TransformerModel"/> on its own kernel backend with its own paged KV
/// cache. A step's duration is measured with a stopwatch around the whole step (swaps, forward pass, greedy
/// sampling) ending in a backend synchronisation; the block tables the scheduler hands over index this cache
/// directly. Swap-outs copy blocks to host arrays keyed by request; KV transfers read and write blocks through
/// the host (a real copy between two workers' caches, timed).
/// </summary>
public sealed class EngineStepExecutor : IStepExecutor
{
    private readonly TransformerModel _model;
    private readonly PagedKvCache _cache;
    private readonly bool _ownsModel;
    private readonly Dictionary<int, float[]> _swapped = [];

    /// <summary>Wraps a model and a KV cache made by it; with <paramref name="owns"/> both (and the backend) are disposed with the executor.</summary>
    public EngineStepExecutor(TransformerModel model, PagedKvCache cache, bool owns = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cache);
        _model = model;
        _cache = cache;
        _ownsModel = owns;
    }

    /// <inheritdoc />
    public string Device => _model.DeviceName;

    /// <summary>Floats one block takes in <see cref="PagedKvCache.ReadBlocks"/>'s layout.</summary>
    private int FloatsPerBlock => 2 * _cache.Shape.Layers * _cache.Shape.FloatsPerBlockPerLayer;

    /// <inheritdoc />
    public StepResult Execute(ScheduledBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var watch = Stopwatch.StartNew();
        for (var o = 0; o < batch.SwapOut.Count; o++)
        {
            var order = batch.SwapOut[o];
            var data = new float[order.Blocks.Count * FloatsPerBlock];
            _cache.ReadBlocks(order.Blocks.ToArray(), data);
            _swapped[order.RequestId] = data;
        }
        for (var o = 0; o < batch.SwapIn.Count; o++)
        {
            var order = batch.SwapIn[o];
            if (!_swapped.Remove(order.RequestId, out var data))
            {
                throw new InvalidOperationException($"Request {order.RequestId} was never swapped out.");
            }
            _cache.WriteBlocks(order.Blocks.ToArray(), data);
        }
        // Index loops, not LINQ: the scheduler's batches are other list types than the warm-up's, and each first use of
        // a LINQ iterator over a new type was milliseconds of JIT inside the first measured step.
        var sequences = batch.Sequences;
        var chunks = new SequenceChunk[sequences.Count];
        for (var i = 0; i < chunks.Length; i++)
        {
            var s = sequences[i];
            chunks[i] = new SequenceChunk(s.Tokens, s.StartPosition, s.BlockTable, s.Samples);
        }
        var logits = _model.Forward(chunks, _cache);
        var tokens = new Dictionary<int, int>();
        var next = 0;
        for (var i = 0; i < sequences.Count; i++)
        {
            if (sequences[i].Samples) tokens[sequences[i].RequestId] = Sampler.ArgMax(logits[next++]);
        }
        _model.Backend.Synchronize();
        return new StepResult(watch.Elapsed.TotalSeconds, tokens);
    }

    /// <summary>
    /// Runs untimed steps through <see cref="Execute"/> (a short prefill, one of up to 64 tokens, and decode steps at
    /// batch 1 and <paramref name="maxBatch"/>, capped at 16) on the first blocks, so that JIT compilation and first-touch
    /// page faults happen before any step is measured: of the kernels, and of the step's own path around them (its
    /// chunk list, greedy sampling and token map), whose first use cost the quickstart's first prefill 6.9 ms against
    /// 0.4 ms for the next ones when only the model's forward pass was warmed. Otherwise the first requests' TTFT would
    /// report start-up cost as serving latency. Those blocks' contents are scratch afterwards: a sequence that is later
    /// given it overwrites every slot before attention reads it. Greedy sampling keeps no state, so nothing else changes.
    /// </summary>
    public void WarmUp(int maxBatch)
    {
        if (_cache.Shape.Blocks < 1) return;
        int[] table = [0];
        // No warm-up prompt may exceed the model's context (a 2-token model is a valid experiment).
        var context = Math.Max(1, _model.Architecture.ContextLength);
        var prompt = Enumerable.Range(0, Math.Min(context, Math.Min(4, _cache.Shape.BlockSize))).ToArray();
        Execute(Batch(new ScheduledSequence(0, SequencePhase.Prefill, 0, prompt, table, true)));
        // A longer prompt too (up to 64 tokens, over the first blocks): the first real prefill of dozens of tokens
        // otherwise pays tens of milliseconds of first-use cost, which execute mode would report as TTFT.
        var blocks = Math.Min(_cache.Shape.Blocks, Math.Max(1, 64 / _cache.Shape.BlockSize));
        var longTable = Enumerable.Range(0, blocks).ToArray();
        var longPrompt = Enumerable.Range(0, Math.Min(context, blocks * _cache.Shape.BlockSize)).Select(t => t % 2).ToArray();
        Execute(Batch(new ScheduledSequence(0, SequencePhase.Prefill, 0, longPrompt, longTable, true)));
        foreach (var batch in new[] { 1, Math.Clamp(maxBatch, 1, 16) }.Distinct())
        {
            Execute(Batch(Enumerable.Range(0, batch).Select(i => new ScheduledSequence(i, SequencePhase.Decode, 0, [0], table, true)).ToArray()));
        }
    }

    private static ScheduledBatch Batch(params ScheduledSequence[] sequences) => new(0, sequences, [], [], []);

    /// <inheritdoc />
    public KvSnapshot ExportKv(int requestId, IReadOnlyList<int> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var watch = Stopwatch.StartNew();
        var data = new float[blocks.Count * FloatsPerBlock];
        _cache.ReadBlocks(blocks.ToArray(), data);
        return new KvSnapshot(requestId, blocks.Count, (long)data.Length * sizeof(float), watch.Elapsed.TotalSeconds, data);
    }

    /// <inheritdoc />
    public double ImportKv(KvSnapshot snapshot, IReadOnlyList<int> blocks)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(blocks);
        var data = snapshot.Data ?? throw new ArgumentException("The snapshot carries no KV data (made by a cost model?).", nameof(snapshot));
        var watch = Stopwatch.StartNew();
        _cache.WriteBlocks(blocks.ToArray(), data);
        _model.Backend.Synchronize();
        return watch.Elapsed.TotalSeconds;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsModel)
        {
            _cache.Dispose();
            var backend = _model.Backend;
            _model.Dispose();
            backend.Dispose();
        }
    }
}
