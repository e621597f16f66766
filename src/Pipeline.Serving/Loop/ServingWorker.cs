using Pipeline.Plans;
using Pipeline.Serving.Execution;
using Pipeline.Serving.Scheduling;

namespace Pipeline.Serving.Loop;

/// <summary>One model replica: its role, its own scheduler (the one class, one instance per worker) and its executor.</summary>
public sealed class ServingWorker
{
    /// <summary>Creates a worker.</summary>
    public ServingWorker(int index, PoolRole role, Scheduler scheduler, IStepExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(executor);
        if (role == PoolRole.Prefill != scheduler.Options.PrefillOnly)
        {
            throw new ArgumentException("A prefill worker's scheduler must be prefill-only, and only its.", nameof(scheduler));
        }
        Index = index;
        Role = role;
        Scheduler = scheduler;
        Executor = executor;
    }

    /// <summary>Index among all workers of the deployment (timelines refer to it).</summary>
    public int Index { get; }

    /// <summary>What the worker does.</summary>
    public PoolRole Role { get; }

    /// <summary>The worker's scheduler.</summary>
    public Scheduler Scheduler { get; }

    /// <summary>The worker's executor.</summary>
    public IStepExecutor Executor { get; }

    internal bool Busy { get; set; }

    internal double? WakeAt { get; set; }

    /// <summary>When the worker's token-sampling steps ended (token times refer to it).</summary>
    internal Internal.StepTimeLog StepTimes { get; } = new();
}
