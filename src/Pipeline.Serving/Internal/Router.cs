using Pipeline.Plans;
using Pipeline.Serving.Loop;

namespace Pipeline.Serving.Internal;

/// <summary>Picks a worker of a pool: in turn, or the one with the least KV load or the fewest requests (ties: lowest index).</summary>
internal sealed class Router(RoutingPolicy policy, IReadOnlyList<ServingWorker> pool)
{
    private int _next;

    public IReadOnlyList<ServingWorker> Pool { get; } = pool;

    public ServingWorker Pick()
    {
        if (policy == RoutingPolicy.RoundRobin)
        {
            var worker = Pool[_next];
            _next = (_next + 1) % Pool.Count;
            return worker;
        }
        var byRequests = policy == RoutingPolicy.LeastRequests;
        var best = Pool[0];
        foreach (var candidate in Pool)
        {
            if (byRequests ? candidate.Scheduler.ActiveCount < best.Scheduler.ActiveCount : candidate.Scheduler.Load < best.Scheduler.Load)
            {
                best = candidate;
            }
        }
        return best;
    }
}
