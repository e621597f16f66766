using Pipeline.Plans;

namespace Pipeline.Serving.Accounting;

/// <summary>Whether one limit held over the run: the observed percentile of the metric against the limit.</summary>
/// <param name="Limit">The limit.</param>
/// <param name="Observed">The metric's <see cref="SloLimit.Percentile"/>th percentile over completed requests (LoadGen's nearest rank), seconds.</param>
/// <param name="Met">True when <paramref name="Observed"/> is at most the limit (and something completed).</param>
public sealed record SloVerdict(SloLimit Limit, double Observed, bool Met);
