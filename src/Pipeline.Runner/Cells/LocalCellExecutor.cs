using System.Runtime.CompilerServices;

namespace Pipeline.Runner.Cells;

/// <summary>
/// The plain loop: runs cells one after another in this process, in the order given, with no Orleans. By default each
/// cell runs through <see cref="CellRunner"/> (no report files); pass a runner that writes reports (Pipeline.Reports'
/// <c>ReportedCell.Run</c>) to get a cell's <see cref="CellResult.Files"/> as a cluster would.
/// </summary>
/// <param name="run">Runs one cell; null for <see cref="CellRunner.Run"/>'s result.</param>
public sealed class LocalCellExecutor(Func<ExperimentCell, CancellationToken, CellResult>? run = null) : ICellExecutor
{
    /// <inheritdoc />
    public async IAsyncEnumerable<CellResult> RunAsync(IReadOnlyList<ExperimentCell> cells, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        foreach (var cell in cells)
        {
            if (cancellation.IsCancellationRequested) yield break;
            yield return run is null
                ? CellRunner.Run(cell, new RunOptions(Cancellation: cancellation, KeepTimelines: false)).Result
                : run(cell, cancellation);
            await Task.Yield();
        }
    }
}
