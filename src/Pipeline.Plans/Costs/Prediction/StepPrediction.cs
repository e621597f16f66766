namespace Pipeline.Plans.Costs.Prediction;

/// <summary>A step's predicted time and, when asked for, each operator's share.</summary>
/// <param name="Seconds">Predicted seconds of the whole step.</param>
/// <param name="Operators">Per-operator times (summed over layers) in execution order; empty unless a breakdown was asked for.</param>
public sealed record StepPrediction(double Seconds, IReadOnlyList<OperatorTime> Operators);
