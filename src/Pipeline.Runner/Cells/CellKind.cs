namespace Pipeline.Runner.Cells;

/// <summary>What a cell does with its run.</summary>
public enum CellKind
{
    /// <summary>Runs the cell's plan once.</summary>
    Run,

    /// <summary>Searches the cell's peak Poisson rate, then runs the peak once more (see <see cref="Search.PeakRateSearch"/>).</summary>
    PeakSearch,
}
