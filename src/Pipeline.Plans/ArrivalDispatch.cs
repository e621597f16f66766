namespace Pipeline.Plans;

/// <summary>
/// How arrivals reach the entry pool's workers when they do not go straight to the worker <c>routing</c> picks
/// (a deployment's dispatch is null then: <c>immediate</c>). Each kind is a harness's front end that published
/// results ran behind: <see cref="ArrivalGathering"/> (AMD's batcher) and <see cref="SharedQueueDispatch"/> (NVIDIA's
/// single-process harness).
/// </summary>
public abstract record ArrivalDispatch;
