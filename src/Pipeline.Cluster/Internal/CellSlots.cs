using Pipeline.Plans;
using Pipeline.Reports;
using Pipeline.Runner.Cells;

namespace Pipeline.Cluster.Internal;

/// <summary>
/// How many cells a silo runs at once. A simulate-mode cell takes one slot; an execute-mode cell measures real kernels,
/// so it takes every slot (nothing else runs beside it on that machine and its step times stay its own).
/// </summary>
internal sealed class CellSlots(int count)
{
    private readonly SemaphoreSlim _slots = new(count, count);
    private readonly SemaphoreSlim _exclusive = new(1, 1);

    public int Count { get; } = count;

    /// <summary>Runs <paramref name="cell"/> on a thread of its own once it has its slots.</summary>
    public async Task<CellResult> Run(ExperimentCell cell)
    {
        var whole = CellRunner.ModeOf(cell) == BenchmarkMode.Execute;
        var taken = 0;
        if (whole) await _exclusive.WaitAsync();
        try
        {
            for (var wanted = whole ? Count : 1; taken < wanted; taken++) await _slots.WaitAsync();
            // A cell is seconds of CPU: a dedicated thread keeps it off the pool that runs Orleans' own messages.
            return await Task.Factory.StartNew(() => ReportedCell.Run(cell), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            if (taken > 0) _slots.Release(taken);
            if (whole) _exclusive.Release();
        }
    }
}
