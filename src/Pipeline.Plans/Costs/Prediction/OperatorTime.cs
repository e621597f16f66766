namespace Pipeline.Plans.Costs.Prediction;

/// <summary>One operator's predicted time in a step, summed over layers.</summary>
/// <param name="Name">Operator name (<c>OperatorModel</c>'s names, plus <c>all_reduce</c>, <c>pp_send</c>, <c>graph_launch</c> and <c>host</c>).</param>
/// <param name="Seconds">Predicted seconds.</param>
/// <param name="Bound">What bounds it: <c>compute</c>, <c>memory</c>, <c>launch</c>, <c>link</c>, <c>network</c> or <c>host</c>.</param>
public readonly record struct OperatorTime(string Name, double Seconds, string Bound);
