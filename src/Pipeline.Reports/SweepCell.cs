using Pipeline.Runner.Cells;

namespace Pipeline.Reports;

/// <summary>One cell of a sweep with its headline figures, as <c>sweep.csv</c> and the sweep charts show it.</summary>
/// <param name="Identity">Its index, seed and swept values.</param>
/// <param name="Folder">Its report folder.</param>
/// <param name="Figures">Its headline figures (read off the run once, in <see cref="CellFigures.Of"/>).</param>
public sealed record SweepCell(RunIdentity Identity, string Folder, CellFigures Figures);
