using Pipeline.Serving.Execution;
using Pipeline.Serving.Scheduling;
using Pipeline.Serving.Workload;

namespace Pipeline.Serving.Internal;

/// <summary>
/// Events of the discrete-event loop, one record per kind. Ties at the same time resolve by kind (the order of
/// <see cref="LoopEventKind"/>: finished work before new arrivals, so a step's freed blocks are visible to the
/// requests arriving at that instant) and then by insertion order.
/// </summary>
internal abstract record LoopEvent(double Time)
{
    public abstract LoopEventKind Kind { get; }
}

internal enum LoopEventKind
{
    StepDone,
    TransferDone,
    Arrival,
    GatherDeadline,
    Wake,
}

internal sealed record StepDoneEvent(double Time, int Worker, StepResult Result) : LoopEvent(Time)
{
    public override LoopEventKind Kind => LoopEventKind.StepDone;
}

internal sealed record TransferDoneEvent(double Time, int Worker, int RequestId) : LoopEvent(Time)
{
    public override LoopEventKind Kind => LoopEventKind.TransferDone;
}

internal sealed record ArrivalEvent(double Time, ServingRequest Request) : LoopEvent(Time)
{
    public override LoopEventKind Kind => LoopEventKind.Arrival;
}

internal sealed record WakeEvent(double Time, int Worker) : LoopEvent(Time)
{
    public override LoopEventKind Kind => LoopEventKind.Wake;
}

/// <summary>A gathered group's window ends: whatever the front end holds leaves.</summary>
internal sealed record GatherDeadlineEvent(double Time) : LoopEvent(Time)
{
    public override LoopEventKind Kind => LoopEventKind.GatherDeadline;
}
