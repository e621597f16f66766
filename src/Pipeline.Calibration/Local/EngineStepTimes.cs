using Pipeline.Engine;
using Pipeline.Plans;
using Pipeline.Runner.Execution;
using Pipeline.Serving.Scheduling;

namespace Pipeline.Calibration.Local;

/// <summary>
/// Measures steps on the real engine, through the <see cref="EngineStepExecutor"/> that execute mode uses (random
/// weights, a paged KV cache, greedy sampling, a backend synchronisation): the median of <paramref name="repeats"/>
/// runs after one untimed run. The median, not the mean: the repeats of a small shape take well under a millisecond
/// together, so whether one of a shared machine's millisecond stalls lands among them is chance, and one that does
/// doubles their mean (measured: prefill of 32 tokens, mean of 15 at 595-924 us where the median is 250-414 us). The
/// predictor predicts a step's typical time; what stalls add comes from all the timed steps together
/// (<see cref="MeasuredSteps.StallShare"/>, <c>host_stall_share</c>), over at least <paramref name="minimumSeconds"/>
/// of steps when the shapes are stepped in turn (a workload's shapes can be small steps: fifteen rounds of a tiny
/// model's eighteen shapes are 20 ms, too few for the stalls' rate). Cached context is whatever the blocks hold
/// (attention reads it all the same); one model and cache per architecture, built on first use.
/// </summary>
/// <param name="backend">The local backend to measure.</param>
/// <param name="repeats">Timed runs per shape (their median is the step time), at least 1.</param>
/// <param name="minimumSeconds">Shapes stepped in turn take rounds until their timed steps add up to this much (at most
/// <see cref="MaxRounds"/> rounds).</param>
public sealed class EngineStepTimes(LocalBackend backend, int repeats = 15, double minimumSeconds = 0.25) : IStepTimeSource, IDisposable
{
    /// <summary>Most rounds shapes stepped in turn take to reach <c>minimumSeconds</c>.</summary>
    public const int MaxRounds = 2000;

    private const int BlockSize = 16;
    private readonly Dictionary<ModelArchitecture, EngineStepExecutor> _executors = [];
    private string? _device;

    /// <inheritdoc />
    public string Device => _device ?? backend.ToString();

    /// <summary>Most sequences a measured step holds (the KV cache is sized for them).</summary>
    public const int MaxSequences = 32;

    /// <summary>Most tokens a measured sequence holds (cached plus new).</summary>
    public const int MaxTokens = 512;

    /// <inheritdoc />
    /// <remarks>One shape stepped "in turn" is its steps back to back.</remarks>
    public double Measure(LocalShape shape) => Medians.Of(Repeats([shape], 0)[0]);

    /// <inheritdoc />
    /// <remarks>
    /// In turn: rounds that take every shape in turn, after one untimed step of each, so a shape's step follows another
    /// shape's, as steps of different shapes follow each other in a run, rather than copies of itself that find every
    /// cache line where the last one left it. Representative when the shapes are one workload's
    /// (<see cref="LocalShapes.For"/>); across the fixed grid a 512-token prefill would evict what a tiny decode finds
    /// warm in a run of tiny steps, so the grid's shapes are measured each back to back.
    /// </remarks>
    public MeasuredSteps MeasureSteps(IReadOnlyList<LocalShape> shapes, bool interleaved)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        return interleaved
            ? MeasuredSteps.FromRepeats(Repeats(shapes, minimumSeconds))
            : MeasuredSteps.Concat(shapes.Select(shape => MeasuredSteps.FromRepeats(Repeats([shape], 0))));
    }

    // Each shape's timed steps: rounds that take every shape in turn, after one untimed step of each, at least
    // `repeats` of them and as many more as reach `seconds` of timed steps.
    private List<double>[] Repeats(IReadOnlyList<LocalShape> shapes, double seconds)
    {
        var steps = shapes.Select(shape => (Executor: Executor(shape.Model), Batch: Batch(shape))).ToArray();
        foreach (var (executor, batch) in steps) executor.Execute(batch);
        var times = shapes.Select(_ => new List<double>()).ToArray();
        double timed = 0;
        for (var r = 0; r < Math.Max(1, repeats) || (timed < seconds && r < MaxRounds); r++)
        {
            for (var i = 0; i < steps.Length; i++)
            {
                var t = steps[i].Executor.Execute(steps[i].Batch).Seconds;
                times[i].Add(t);
                timed += t;
            }
        }
        return times;
    }

    private static ScheduledBatch Batch(LocalShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var perSequence = (shape.Cached + shape.NewTokens + BlockSize - 1) / BlockSize;
        var sequences = Enumerable.Range(0, shape.Sequences).Select(i =>
        {
            var table = Enumerable.Range(i * perSequence, perSequence).ToArray();
            var tokens = Enumerable.Range(0, shape.NewTokens).Select(t => (t * 31 + i) % shape.Model.Vocab).ToArray();
            var phase = shape.IsDecode ? SequencePhase.Decode : SequencePhase.Prefill;
            return new ScheduledSequence(i, phase, shape.Cached, tokens, table, true);
        }).ToArray();
        return new ScheduledBatch(0, sequences, [], [], []);
    }

    private EngineStepExecutor Executor(ModelArchitecture model)
    {
        if (_executors.TryGetValue(model, out var executor)) return executor;
        var engineBackend = BackendFactory.Create(backend);
        try
        {
            var transformer = TransformerModel.Create(engineBackend, RandomWeightsGenerator.Generate(model, 7));
            var blocks = MaxSequences * ((MaxTokens + 1 + BlockSize - 1) / BlockSize);
            executor = new EngineStepExecutor(transformer, transformer.CreateKvCache(blocks, BlockSize), owns: true);
            executor.WarmUp(32);
            _device = executor.Device;
            _executors[model] = executor;
            return executor;
        }
        catch
        {
            engineBackend.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var executor in _executors.Values) executor.Dispose();
        _executors.Clear();
    }
}
