namespace Pipeline.Plans.Costs;

/// <summary>
/// The roofline cost model a simulator uses to turn a batched step into seconds: weights are read once per step,
/// each sequence adds its own activation, attention and KV traffic, and a step takes
/// <c>max(FLOPs / peak FLOP/s, bytes / bandwidth)</c> -- the ideal time on whichever resource binds.
/// Counting conventions are <see cref="OperatorModel"/>'s.
/// </summary>
public static class RooflineModel
{
    /// <summary>FLOPs and bytes of one step that runs every sequence in <paramref name="batch"/> together.</summary>
    /// <param name="model">The model.</param>
    /// <param name="tensorParallel">Shards per worker (at least 1); the cost is per shard.</param>
    /// <param name="batch">The sequences in the step; empty means no work (zero cost).</param>
    /// <returns>The step's cost on one shard.</returns>
    public static StepCost StepCost(ModelArchitecture model, int tensorParallel, IReadOnlyList<SequenceWork> batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(tensorParallel, 1);
        if (batch.Count == 0)
        {
            return new StepCost(0, 0);
        }

        var pass = default(PassShape);
        foreach (var sequence in batch)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(sequence.NewTokens, 1, nameof(batch));
            ArgumentOutOfRangeException.ThrowIfNegative(sequence.CachedTokens, nameof(batch));
            pass += PassShape.ForSequence(sequence.NewTokens, sequence.CachedTokens);
        }

        var (flops, bytes) = OperatorModel.Total(model, tensorParallel, pass);
        return new StepCost(flops, bytes);
    }

    /// <summary>Ideal seconds of a step: the larger of compute time at peak and memory time at full bandwidth.</summary>
    /// <param name="cost">The step's FLOPs and bytes.</param>
    /// <param name="accelerator">The accelerator it runs on.</param>
    /// <param name="type">Element type of the math (the model's weight type).</param>
    /// <returns>Seconds; the accelerator must support <paramref name="type"/> (compilers reject plans where it does not).</returns>
    public static double StepSeconds(StepCost cost, AcceleratorSpec accelerator, DType type)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(accelerator);
        var peak = accelerator.PeakFlops(type)
            ?? throw new ArgumentException($"{accelerator.Name} has no {type.ToKeyword()} figure.", nameof(type));
        return Math.Max(cost.Flops / peak, cost.Bytes / accelerator.MemoryBandwidth);
    }
}
