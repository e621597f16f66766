namespace Pipeline.Cluster;

/// <summary>A cell grain's answer.</summary>
/// <param name="State">Where the cell is.</param>
/// <param name="Silo">The silo answering (its address and process id).</param>
/// <param name="Payload">The exception when <see cref="CellState.Failed"/>, else null.</param>
/// <param name="Result">The result, gzipped JSON (with the cell's report files when it asked for them), when <see cref="CellState.Done"/>; else null.</param>
[GenerateSerializer, Immutable]
public sealed record CellStatus(
    [property: Id(0)] CellState State, [property: Id(1)] string Silo, [property: Id(2)] string? Payload, [property: Id(3)] byte[]? Result = null);
