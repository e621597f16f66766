namespace Pipeline.Runner.Cells;

/// <summary>What a cell does with its run.</summary>
public enum CellKind
{
    /// <summary>Runs the cell's plan once.</summary>
    Run,

    /// <summary>Searches the cell's peak Poisson rate, then runs the peak once more (see <see cref="Search.PeakRateSearch"/>).</summary>
    PeakSearch,

    /// <summary>
    /// Weighs capacity candidate <see cref="ExperimentCell.Index"/> of the file's <c>capacity { }</c> block (bound,
    /// prune, peak search: <see cref="Capacity.CapacityPlanner"/>); its result carries a <see cref="CellResult.Candidate"/>.
    /// </summary>
    CapacityCandidate,

    /// <summary>As <see cref="CapacityCandidate"/>, without pruning: the peak is searched even when the roofline bound rules it out (<c>--no-prune</c>).</summary>
    CapacityCandidateUnpruned,
}
