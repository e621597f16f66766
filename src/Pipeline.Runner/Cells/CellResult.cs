namespace Pipeline.Runner.Cells;

/// <summary>
/// What one cell gave, keyed by its <see cref="Index"/>: enough for its <c>sweep.csv</c> row and verdict, and nothing
/// that grows with the run (no timelines) unless the cell asked for its report files (<see cref="Files"/>). Results of
/// one experiment merge in any order: reports sort them by index.
/// </summary>
/// <param name="Index">The cell's run index.</param>
/// <param name="Seed">The seed the cell ran with (the override, else the workload's).</param>
/// <param name="Swept">The cell's swept settings in base units, in axis order (empty without a sweep).</param>
/// <param name="Figures">Its headline figures; null when it could not run (see <see cref="Errors"/>).</param>
/// <param name="InvalidReasons">Why the run is INVALID; empty when VALID.</param>
/// <param name="Errors">User errors that stopped the cell before it ran, rendered; empty when it ran.</param>
/// <param name="Peak">What the peak search found, for a <see cref="CellKind.PeakSearch"/> cell.</param>
/// <param name="Candidate">The candidate's result, for a capacity candidate cell (its figures live there, not in <see cref="Figures"/>).</param>
/// <param name="Files">The cell's report files (name in its folder, bytes) when it asked for them (<see cref="ExperimentCell.Reports"/>); else null.</param>
public sealed record CellResult(
    int Index,
    int Seed,
    IReadOnlyList<KeyValuePair<string, double>> Swept,
    CellFigures? Figures,
    IReadOnlyList<string> InvalidReasons,
    IReadOnlyList<string> Errors,
    CellPeak? Peak = null,
    Capacity.CandidateResult? Candidate = null,
    IReadOnlyList<CellFile>? Files = null)
{
    /// <summary>The cell ran (no error stopped it).</summary>
    public bool Succeeded => Errors.Count == 0 && (Figures is not null || Candidate is not null);

    /// <summary>The cell ran and its run is VALID (a capacity candidate has no run of its own: see <see cref="Candidate"/>).</summary>
    public bool Valid => Succeeded && Figures is { Valid: true };
}
