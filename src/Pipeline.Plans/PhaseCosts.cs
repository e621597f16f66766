namespace Pipeline.Plans;

/// <summary>FLOPs and bytes of one operator of a transformer block, for one prefill and one decode step.</summary>
/// <param name="Name">Operator (<c>qkv_proj</c>, <c>attention</c>, <c>o_proj</c>, <c>mlp_up_gate</c>, ...).</param>
/// <param name="PrefillFlops">FLOPs to prefill the reference prompt.</param>
/// <param name="PrefillBytes">Bytes moved (weights, activations, KV) to prefill the reference prompt.</param>
/// <param name="DecodeFlops">FLOPs of one decode step of one sequence at the reference context.</param>
/// <param name="DecodeBytes">Bytes moved by that decode step.</param>
public sealed record OperatorCost(string Name, double PrefillFlops, double PrefillBytes, double DecodeFlops, double DecodeBytes);

/// <summary>Totals of one phase over the whole model, and where it sits on the accelerator's roofline.</summary>
/// <param name="Flops">FLOPs of the phase.</param>
/// <param name="Bytes">Bytes moved by the phase.</param>
/// <param name="RidgePoint">The accelerator's ridge point (FLOP/byte) for the model's type, if known.</param>
public sealed record PhaseCost(double Flops, double Bytes, double? RidgePoint)
{
    /// <summary>FLOPs per byte.</summary>
    public double ArithmeticIntensity => Bytes > 0 ? Flops / Bytes : 0;

    /// <summary>True when intensity exceeds the ridge point (null when no ridge point is known).</summary>
    public bool? IsComputeBound => RidgePoint is { } ridge ? ArithmeticIntensity > ridge : null;
}

/// <summary>
/// Costs of the two phases for a reference request (prompt of <see cref="ReferencePromptTokens"/> tokens,
/// decode of one sequence at <see cref="ReferenceContextTokens"/> tokens of context).
/// </summary>
public sealed record PhaseCosts(
    int ReferencePromptTokens,
    int ReferenceContextTokens,
    IReadOnlyList<OperatorCost> PerLayer,
    PhaseCost Prefill,
    PhaseCost Decode);
