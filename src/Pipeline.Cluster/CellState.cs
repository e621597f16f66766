namespace Pipeline.Cluster;

/// <summary>Where a cell grain's cell is.</summary>
[GenerateSerializer]
public enum CellState
{
    /// <summary>This activation has no cell: it was never started here (a new activation after its silo died).</summary>
    Unknown,

    /// <summary>Queued or running on the silo.</summary>
    Running,

    /// <summary>Finished: the status carries the result.</summary>
    Done,

    /// <summary>Threw (a bug): the status carries the message.</summary>
    Failed,
}
