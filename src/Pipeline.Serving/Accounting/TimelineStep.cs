using Pipeline.Serving.Scheduling;

namespace Pipeline.Serving.Accounting;

/// <summary>One step a request took part in.</summary>
/// <param name="Worker">Index of the worker that ran it.</param>
/// <param name="Step">The worker's step number.</param>
/// <param name="Start">Seconds when the step started.</param>
/// <param name="End">Seconds when it ended.</param>
/// <param name="Phase">Prefill (or chunk, or recomputation) or decode.</param>
/// <param name="Tokens">Tokens of this request fed in the step.</param>
public sealed record TimelineStep(int Worker, long Step, double Start, double End, SequencePhase Phase, int Tokens);
