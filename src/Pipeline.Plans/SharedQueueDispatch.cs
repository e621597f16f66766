namespace Pipeline.Plans;

/// <summary>
/// Arrivals wait in one queue in front of the entry pool, and each worker takes what waits there, oldest first, up to
/// its free request slots (<c>max_batch</c> less the requests it holds) when it starts a step; idle workers take
/// first, lowest index first. Nothing routes a query: the worker that comes for work first gets it. This is NVIDIA's
/// single-process MLPerf harness (one <c>LLMServerLeader</c> whose GPUs' cores each call <c>getInferenceRequest</c>
/// once per iteration on one shared queue), which its tensor-parallel-1 Llama 2 70B Server runs used.
/// </summary>
public sealed record SharedQueueDispatch : ArrivalDispatch
{
    /// <summary>The one shared-queue dispatch (it has no parameters).</summary>
    public static SharedQueueDispatch Instance { get; } = new();
}
