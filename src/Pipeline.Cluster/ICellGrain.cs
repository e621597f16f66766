namespace Pipeline.Cluster;

/// <summary>
/// One cell of one submission (key: <c>SUBMISSION/INDEX</c>). Every call is short: <see cref="Start"/> queues the cell
/// on the silo and returns, <see cref="Poll"/> says how it is going, so a submitter notices a dead silo within one
/// response timeout whatever a cell's length, and issues the cell again (a fresh activation on a live silo).
/// </summary>
public interface ICellGrain : IGrainWithStringKey
{
    /// <summary>Starts the cell (JSON of an <c>ExperimentCell</c>) unless this activation already has it; returns its status.</summary>
    Task<CellStatus> Start(string cellJson);

    /// <summary>The cell's status; <see cref="CellState.Unknown"/> when this activation never got it (its silo died).</summary>
    Task<CellStatus> Poll();
}
