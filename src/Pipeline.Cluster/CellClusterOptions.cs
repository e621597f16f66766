namespace Pipeline.Cluster;

/// <summary>How a submitter drives a cluster.</summary>
/// <param name="Slots">Cells one silo runs at once (the in-process silo; a worker takes its own): default, its processor count.</param>
/// <param name="InFlight">Cells submitted and not yet finished, at most (the rest wait in the submitter).</param>
/// <param name="PollInterval">How often each in-flight cell is asked for its result.</param>
/// <param name="JoinWait">How long to wait for a first worker to join before giving up.</param>
/// <param name="OnAttempt">Sees each cell started on a silo (a second attempt is a re-issue after its silo died).</param>
public sealed record CellClusterOptions(
    int? Slots = null,
    int InFlight = 256,
    TimeSpan? PollInterval = null,
    TimeSpan? JoinWait = null,
    Action<CellAttempt>? OnAttempt = null)
{
    /// <summary>Defaults.</summary>
    public static CellClusterOptions Default { get; } = new();

    internal TimeSpan Poll => PollInterval ?? TimeSpan.FromMilliseconds(200);

    internal TimeSpan Join => JoinWait ?? TimeSpan.FromSeconds(15);
}
