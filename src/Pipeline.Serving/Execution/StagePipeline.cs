namespace Pipeline.Serving.Execution;

/// <summary>
/// The pipeline stages of one replica under pipeline parallelism, shared by the replica's micro-batch slots (vLLM's
/// virtual engines): a batch that enters at <c>t</c> runs each stage when that stage is free and the previous stage
/// has handed it the activations, in entry order (every stage serves batches first come, first served). With one
/// batch in flight a step takes the sum of the stages and every other stage idles (the bubble); with <c>pp</c>
/// batches in flight each stage stays busy and the replica finishes one batch per slowest stage.
/// </summary>
public sealed class StagePipeline
{
    private readonly double[] _free;

    /// <summary>Creates idle stages.</summary>
    /// <param name="stages">Pipeline stages, at least 1.</param>
    public StagePipeline(int stages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stages, 1);
        _free = new double[stages];
    }

    /// <summary>Pipeline stages.</summary>
    public int Stages => _free.Length;

    /// <summary>
    /// Runs a batch that is ready at <paramref name="ready"/> through the stages (<paramref name="stageSeconds"/>,
    /// first stage first) and books them; returns when it leaves the last stage.
    /// </summary>
    public double Run(double ready, ReadOnlySpan<double> stageSeconds)
    {
        if (stageSeconds.Length != _free.Length)
        {
            throw new ArgumentException($"Expected {_free.Length} stage times.", nameof(stageSeconds));
        }
        var t = ready;
        for (var k = 0; k < _free.Length; k++)
        {
            t = Math.Max(t, _free[k]) + stageSeconds[k];
            _free[k] = t;
        }
        return t;
    }
}
