using System.Diagnostics;
using Pipeline.Runner.Cells;

namespace Pipeline.Cluster.Internal;

/// <summary>Runs one cell on the silo it was activated on (see <see cref="ICellGrain"/>).</summary>
[Orleans.Placement.RandomPlacement]
internal sealed class CellGrain(CellSlots slots, ILocalSiloDetails silo) : Grain, ICellGrain
{
    private Task<CellResult>? _run;

    private string Silo => $"{silo.SiloAddress} pid {Environment.ProcessId}";

    public Task<CellStatus> Start(string cellJson)
    {
        if (_run is null)
        {
            var cell = CellJson.ReadCell(cellJson);
            _run = slots.Run(cell);
        }
        return Poll();
    }

    public Task<CellStatus> Poll()
    {
        if (_run is null) return Task.FromResult(new CellStatus(CellState.Unknown, Silo, null));
        if (!_run.IsCompleted) return Task.FromResult(new CellStatus(CellState.Running, Silo, null));
        // Delivered: the submitter records it once and asks no more, so the activation can go.
        DeactivateOnIdle();
        return Task.FromResult(_run.IsCompletedSuccessfully
            ? new CellStatus(CellState.Done, Silo, null, CellJson.Pack(_run.Result))
            : new CellStatus(CellState.Failed, Silo, _run.Exception?.GetBaseException().ToString() ?? "cancelled"));
    }
}
