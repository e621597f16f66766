using System.Diagnostics;
using Pipeline.Engine;
using Pipeline.Kernels;
using Pipeline.Plans;

namespace Pipeline.Acceptance.Drivers;

/// <summary>
/// Times the two phases of inference on the local engine with a random-weight model: a decode step over a batch
/// of sequences, and the prefill of one prompt. Each figure is the fastest of a few repetitions after a warm-up,
/// so a busy machine slows it less; features compare ratios of these figures, never absolute times.
/// </summary>
public sealed class PhaseDriver : IDisposable
{
    private const int BlockSize = 16;
    private const int Repetitions = 5;
    private IKernelBackend? _backend;
    private TransformerModel? _model;

    /// <summary>The model's shape, once one is given.</summary>
    public ModelArchitecture? Architecture { get; private set; }

    /// <summary>Decode step seconds by batch size.</summary>
    public Dictionary<int, double> DecodeSeconds { get; } = [];

    /// <summary>Prefill seconds by prompt length.</summary>
    public Dictionary<int, double> PrefillSeconds { get; } = [];

    /// <summary>Loads a model of this shape with seeded random weights on a local backend.</summary>
    public void UseModel(ModelArchitecture architecture, LocalBackend backend = LocalBackend.Cpu)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        Dispose();
        Architecture = architecture;
        _backend = BackendFactory.Create(backend);
        _model = TransformerModel.Create(_backend, RandomWeightsGenerator.Generate(architecture, seed: 1));
    }

    /// <summary>
    /// Times a decode step at two batch sizes, each sequence with <paramref name="context"/> tokens of context.
    /// The two are timed in alternation so that a change in machine load hits both alike.
    /// </summary>
    public void TimeDecode(int smallBatch, int largeBatch, int context)
    {
        var model = Model();
        var blocksPerSequence = (context + Repetitions + 2 + BlockSize - 1) / BlockSize;
        var sizes = new[] { smallBatch, largeBatch };
        var caches = sizes.Select(b => model.CreateKvCache(b * blocksPerSequence, BlockSize)).ToArray();
        try
        {
            var tables = sizes.Select(b => Enumerable.Range(0, b)
                .Select(s => (IReadOnlyList<int>)Enumerable.Range(s * blocksPerSequence, blocksPerSequence).ToArray())
                .ToArray()).ToArray();
            for (var i = 0; i < sizes.Length; i++)
            {
                model.Forward(tables[i].Select(t => new SequenceChunk(Prompt(context), 0, t, false)).ToArray(), caches[i]);
            }
            var best = new[] { double.MaxValue, double.MaxValue };
            for (var step = 0; step <= Repetitions; step++)
            {
                for (var i = 0; i < sizes.Length; i++)
                {
                    var chunks = tables[i].Select(t => new SequenceChunk([step + 1], context + step, t, true)).ToArray();
                    var seconds = Time(() => model.Forward(chunks, caches[i]));
                    if (step > 0) best[i] = Math.Min(best[i], seconds); // step 0 warms up
                }
            }
            DecodeSeconds[smallBatch] = best[0];
            DecodeSeconds[largeBatch] = best[1];
        }
        finally
        {
            foreach (var cache in caches) cache.Dispose();
        }
    }

    /// <summary>Times the prefill of a short and a long prompt, in alternation (see <see cref="TimeDecode"/>).</summary>
    public void TimePrefill(int shortPrompt, int longPrompt)
    {
        var model = Model();
        var lengths = new[] { shortPrompt, longPrompt };
        var blocks = lengths.Select(t => (t + BlockSize - 1) / BlockSize).ToArray();
        var caches = blocks.Select(b => model.CreateKvCache(b, BlockSize)).ToArray();
        try
        {
            var chunks = lengths.Select((t, i) => new SequenceChunk(Prompt(t), 0, Enumerable.Range(0, blocks[i]).ToArray(), true)).ToArray();
            var best = new[] { double.MaxValue, double.MaxValue };
            // Prefill costs far more than decode; fewer repetitions keep the feature fast.
            for (var run = 0; run <= Repetitions / 2; run++)
            {
                for (var i = 0; i < lengths.Length; i++)
                {
                    var seconds = Time(() => model.Forward([chunks[i]], caches[i]));
                    if (run > 0) best[i] = Math.Min(best[i], seconds);
                }
            }
            PrefillSeconds[shortPrompt] = best[0];
            PrefillSeconds[longPrompt] = best[1];
        }
        finally
        {
            foreach (var cache in caches) cache.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _model?.Dispose();
        _backend?.Dispose();
        _model = null;
        _backend = null;
    }

    private TransformerModel Model() =>
        _model ?? throw new InvalidOperationException("no model was given: start with `Given a random-weight model:`");

    private int[] Prompt(int tokens) => Enumerable.Range(0, tokens).Select(i => (i * 7 + 3) % Architecture!.Vocab).ToArray();

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }
}
