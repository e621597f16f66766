namespace Pipeline.Runner.Cells;

/// <summary>One file of a cell's report, carried back to whoever collects the cell's result and writes its folder.</summary>
/// <param name="Name">The file's name in the cell's report folder (no folder part).</param>
/// <param name="Content">The file's bytes, exactly as the report wrote them.</param>
public sealed record CellFile(string Name, byte[] Content);
