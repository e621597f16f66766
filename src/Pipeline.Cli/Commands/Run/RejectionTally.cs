using Pipeline.Serving.Accounting;
using Pipeline.Serving.Observation;

namespace Pipeline.Cli.Commands.Run;

/// <summary>Counts rejected requests by reason as they finish, so the summary can list them without the timelines.</summary>
internal sealed class RejectionTally : IServingObserver
{
    private readonly Dictionary<string, int> _counts = [];
    private readonly List<string> _order = [];

    /// <summary>Each reason with its count, in the order the reasons first occurred.</summary>
    public IReadOnlyList<(string Reason, int Count)> Reasons => _order.Select(r => (r, _counts[r])).ToArray();

    public void OnStep(WorkerStepRecord step)
    {
    }

    public void OnKvTransfer(KvTransferRecord transfer)
    {
    }

    public void OnRequestFinished(RequestTimeline timeline)
    {
        if (timeline.RejectionReason is not { } reason) return;
        if (_counts.TryAdd(reason, 1)) _order.Add(reason);
        else _counts[reason]++;
    }
}
