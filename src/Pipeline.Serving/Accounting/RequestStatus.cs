namespace Pipeline.Serving.Accounting;

/// <summary>How a request ended. Every request ends one way or the other: none is ever dropped.</summary>
public enum RequestStatus
{
    /// <summary>All its output tokens were produced.</summary>
    Completed,
    /// <summary>It could never run (or the run was stopped before it finished); the timeline says why.</summary>
    Rejected,
}
