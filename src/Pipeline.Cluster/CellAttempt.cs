namespace Pipeline.Cluster;

/// <summary>A cell started on a silo.</summary>
/// <param name="Index">The cell's index.</param>
/// <param name="Attempt">1 for the first start; more when its silo died or stopped answering and it was issued again.</param>
/// <param name="Silo">The silo that runs it (its Orleans address and the worker's process id).</param>
public sealed record CellAttempt(int Index, int Attempt, string Silo);
