using Pipeline.Runner.Search;

namespace Pipeline.Runner.Cells;

/// <summary>A cell run in this process: its result, and for local consumers the run and search it came from.</summary>
/// <param name="Result">The cell's result (what a remote executor sends back).</param>
/// <param name="Run">The cell's run; null when it did not compile.</param>
/// <param name="Search">The peak search, for a <see cref="CellKind.PeakSearch"/> cell.</param>
public sealed record CellOutcome(CellResult Result, RunResult? Run, PeakSearchResult? Search);
