using System.Runtime.CompilerServices;

namespace Pipeline.Runner.Cells;

/// <summary>The plain loop: runs cells one after another in this process, in the order given.</summary>
public sealed class LocalCellExecutor : ICellExecutor
{
    /// <inheritdoc />
    public async IAsyncEnumerable<CellResult> RunAsync(IReadOnlyList<ExperimentCell> cells, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        foreach (var cell in cells)
        {
            if (cancellation.IsCancellationRequested) yield break;
            yield return CellRunner.Run(cell, new RunOptions(Cancellation: cancellation, KeepTimelines: false)).Result;
            await Task.Yield();
        }
    }
}
