using Pipeline.Plans;
using Pipeline.Plans.Costs.Prediction;

namespace Pipeline.Calibration.Local;

/// <summary>
/// One measured step shape: <paramref name="Sequences"/> sequences of a model, each running
/// <paramref name="NewTokens"/> tokens after <paramref name="Cached"/> cached ones (decode: 1 after the context;
/// prefill: the prompt after nothing).
/// </summary>
/// <param name="Model">The model the step runs.</param>
/// <param name="ModelName">Its short name in the printed table.</param>
/// <param name="Sequences">Sequences in the step, at least 1.</param>
/// <param name="NewTokens">Tokens each sequence feeds, at least 1.</param>
/// <param name="Cached">Tokens each sequence has cached before the step.</param>
public sealed record LocalShape(ModelArchitecture Model, string ModelName, int Sequences, int NewTokens, int Cached)
{
    /// <summary>True for a decode step (one new token after a context).</summary>
    public bool IsDecode => NewTokens == 1 && Cached > 0;

    /// <summary>The shape the predictor sees.</summary>
    public StepShape ToStepShape()
    {
        var shape = default(StepShape);
        for (var i = 0; i < Sequences; i++) shape.Add(NewTokens, Cached);
        return shape;
    }

    /// <summary>A label such as <c>tiny decode b16 ctx256</c> or <c>small prefill 128</c>.</summary>
    public string Label => IsDecode
        ? FormattableString.Invariant($"{ModelName} decode b{Sequences} ctx{Cached}")
        : FormattableString.Invariant($"{ModelName} prefill {Sequences}x{NewTokens}");
}
