namespace Pipeline.Plans.Costs;

/// <summary>
/// Computes the per-layer operator costs and the model totals of the two phases of a request: prefilling a prompt,
/// and one decode step of one sequence. Figures are per accelerator shard when <c>tensorParallel</c> &gt; 1.
/// See <see cref="OperatorModel"/> for the counting conventions.
/// </summary>
public static class PhaseCostCalculator
{
    /// <summary>Computes the phase costs of a reference request.</summary>
    /// <param name="model">The model's shape (its weight type is also the activation and KV type).</param>
    /// <param name="accelerator">The accelerator, for the ridge point; null leaves the ridge point unknown.</param>
    /// <param name="tensorParallel">Accelerators per replica (at least 1); costs are per shard.</param>
    /// <param name="promptTokens">Prompt tokens prefilled (at least 1), with an empty cache before.</param>
    /// <param name="contextTokens">Context of the decode step, the new token included (at least 1).</param>
    /// <returns>Per-layer operators, and prefill and decode totals including embedding, final norm and LM head.</returns>
    public static PhaseCosts Compute(
        ModelArchitecture model, AcceleratorSpec? accelerator, int tensorParallel, int promptTokens, int contextTokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(tensorParallel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(promptTokens, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextTokens, 1);

        var prefillPass = PassShape.ForSequence(promptTokens, 0);
        var decodePass = PassShape.ForSequence(1, contextTokens - 1);
        var prefillOps = OperatorModel.Layer(model, tensorParallel, prefillPass);
        var decodeOps = OperatorModel.Layer(model, tensorParallel, decodePass);
        var perLayer = prefillOps
            .Zip(decodeOps, (p, d) => new OperatorCost(p.Name, p.Flops, p.Bytes, d.Flops, d.Bytes))
            .ToArray();

        var ridge = accelerator?.RidgePoint(model.WeightType);
        var prefill = OperatorModel.Total(model, tensorParallel, prefillPass);
        var decode = OperatorModel.Total(model, tensorParallel, decodePass);
        return new PhaseCosts(
            promptTokens,
            contextTokens,
            perLayer,
            new PhaseCost(prefill.Flops, prefill.Bytes, ridge),
            new PhaseCost(decode.Flops, decode.Bytes, ridge));
    }
}
