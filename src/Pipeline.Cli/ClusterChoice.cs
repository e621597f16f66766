using Pipeline.Cluster;

namespace Pipeline.Cli;

/// <summary>
/// What <c>--cluster</c> asked for. Without it, more than one cell runs on a silo inside this process (the same code path
/// as a cluster: cells in parallel, results streamed back), and a single cell runs directly: a silo costs seconds to
/// start (benchmarks/README.md) and one cell gains nothing from it, while the direct path shows live progress.
/// </summary>
/// <param name="Address">The cluster asked for; null for the plain loop (<c>none</c>) or when nothing was given.</param>
/// <param name="Given">Whether <c>--cluster</c> was given.</param>
internal sealed record ClusterChoice(ClusterAddress? Address, bool Given)
{
    /// <summary>Nothing given: the default.</summary>
    public static ClusterChoice Default { get; } = new(null, Given: false);

    /// <summary>Where <paramref name="cells"/> cells run: a cluster (the in-process silo by default for several), or null for the plain loop.</summary>
    public ClusterAddress? For(int cells) => Given ? Address : cells > 1 ? ClusterAddress.Local : null;
}
