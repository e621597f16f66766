namespace Pipeline.Runner.Cells;

/// <summary>
/// Runs cells somewhere (this process, an Orleans cluster) and streams each result back as it finishes, in any order,
/// each cell's result exactly once. Cells are independent: an executor may run them in parallel and re-run a lost one.
/// </summary>
public interface ICellExecutor
{
    /// <summary>Runs <paramref name="cells"/>; yields one result per cell, as each finishes. Stops early when cancelled.</summary>
    IAsyncEnumerable<CellResult> RunAsync(IReadOnlyList<ExperimentCell> cells, CancellationToken cancellation = default);
}
