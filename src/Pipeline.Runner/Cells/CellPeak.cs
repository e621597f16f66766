namespace Pipeline.Runner.Cells;

/// <summary>What a cell's peak-rate search found (the cell's figures are those of the run at <see cref="Rate"/>).</summary>
/// <param name="Found">A VALID peak was bracketed within the tolerance.</param>
/// <param name="Rate">The rate of the cell's final run: the peak, or when none was found the lowest rate probed.</param>
/// <param name="LowestInvalid">The lowest INVALID rate probed, if any.</param>
/// <param name="Failure">Why no peak was bracketed; null when one was.</param>
/// <param name="Probes">How many runs the search made.</param>
public sealed record CellPeak(bool Found, double Rate, double? LowestInvalid, string? Failure, int Probes);
