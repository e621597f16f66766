using Pipeline.Cluster;

namespace Pipeline.Cli;

/// <summary>Reads <c>--cluster</c> before any work starts (<c>run</c> and <c>capacity</c>).</summary>
internal static class ClusterOption
{
    /// <summary>
    /// False (after printing the usage error) when <paramref name="text"/> is given and is not a cluster address;
    /// otherwise true, with <paramref name="address"/> null when no cluster was asked for.
    /// </summary>
    public static bool TryRead(string? text, CliOutput output, out ClusterAddress? address)
    {
        address = null;
        if (text is null) return true;
        address = ClusterAddress.Parse(text, out var problem);
        if (address is not null) return true;
        output.Error.WriteLine("error: " + problem);
        return false;
    }
}
