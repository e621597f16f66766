namespace Pipeline.Cluster;

/// <summary>A connected cluster, or why there is none.</summary>
/// <param name="Cluster">The connection; null when <paramref name="Problem"/> says why not.</param>
/// <param name="Problem">What went wrong (bad address, Redis unreachable, no worker joined), as a message for the user.</param>
public sealed record ClusterConnectResult(CellCluster? Cluster, string? Problem);
