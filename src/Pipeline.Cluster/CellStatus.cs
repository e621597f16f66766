namespace Pipeline.Cluster;

/// <summary>A cell grain's answer.</summary>
/// <param name="State">Where the cell is.</param>
/// <param name="Silo">The silo answering (its address and process id).</param>
/// <param name="Payload">The result's JSON when <see cref="CellState.Done"/>, the exception when <see cref="CellState.Failed"/>, else null.</param>
[GenerateSerializer, Immutable]
public sealed record CellStatus([property: Id(0)] CellState State, [property: Id(1)] string Silo, [property: Id(2)] string? Payload);
