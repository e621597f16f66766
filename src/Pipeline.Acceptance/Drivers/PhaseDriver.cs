using Pipeline.Engine;
using Pipeline.Kernels.Counting;
using Pipeline.Plans;

namespace Pipeline.Acceptance.Drivers;

/// <summary>
/// Runs the two phases of inference on the local engine with a random-weight model, a decode step over a batch of
/// sequences and the prefill of one prompt, and counts what each asked of the machine (weight bytes streamed,
/// matrix FLOPs) with a <see cref="CountingKernelBackend"/>. Counts, not times: they are the same on any machine
/// under any load, so features built on them never flake. Measured speeds are benchmarks (<c>pipeline bench</c>).
/// </summary>
public sealed class PhaseDriver : IDisposable
{
    private const int BlockSize = 16;
    private CountingKernelBackend? _backend;
    private TransformerModel? _model;

    /// <summary>The model's shape, once one is given.</summary>
    public ModelArchitecture? Architecture { get; private set; }

    /// <summary>What one decode step cost, by batch size.</summary>
    public Dictionary<int, KernelTraffic> Decode { get; } = [];

    /// <summary>What one prefill cost, by prompt length.</summary>
    public Dictionary<int, KernelTraffic> Prefill { get; } = [];

    /// <summary>Loads a model of this shape with seeded random weights on a local backend.</summary>
    public void UseModel(ModelArchitecture architecture, LocalBackend backend = LocalBackend.Cpu)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        Dispose();
        Architecture = architecture;
        _backend = new CountingKernelBackend(BackendFactory.Create(backend));
        _model = TransformerModel.Create(_backend, RandomWeightsGenerator.Generate(architecture, seed: 1));
    }

    /// <summary>Runs one decode step at each batch size, each sequence with <paramref name="context"/> tokens of context.</summary>
    public void RunDecode(int smallBatch, int largeBatch, int context)
    {
        var model = Model();
        var blocksPerSequence = (context + 1 + BlockSize - 1) / BlockSize;
        foreach (var batch in new[] { smallBatch, largeBatch })
        {
            using var cache = model.CreateKvCache(batch * blocksPerSequence, BlockSize);
            var tables = Enumerable.Range(0, batch)
                .Select(s => (IReadOnlyList<int>)Enumerable.Range(s * blocksPerSequence, blocksPerSequence).ToArray()).ToArray();
            model.Forward(tables.Select(t => new SequenceChunk(Prompt(context), 0, t, false)).ToArray(), cache);
            Decode[batch] = Count(() => model.Forward(tables.Select(t => new SequenceChunk([1], context, t, true)).ToArray(), cache));
        }
    }

    /// <summary>Runs the prefill of a short and a long prompt.</summary>
    public void RunPrefill(int shortPrompt, int longPrompt)
    {
        var model = Model();
        foreach (var tokens in new[] { shortPrompt, longPrompt })
        {
            var blocks = (tokens + BlockSize - 1) / BlockSize;
            using var cache = model.CreateKvCache(blocks, BlockSize);
            Prefill[tokens] = Count(() => model.Forward([new SequenceChunk(Prompt(tokens), 0, Enumerable.Range(0, blocks).ToArray(), true)], cache));
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

    private KernelTraffic Count(Action action)
    {
        var before = _backend!.Traffic;
        action();
        return _backend.Traffic.Since(before);
    }

    private int[] Prompt(int tokens) => Enumerable.Range(0, tokens).Select(i => (i * 7 + 3) % Architecture!.Vocab).ToArray();
}
