using Pipeline.Cluster;

namespace Pipeline.Cli;

/// <summary>Reads <c>--cluster</c> before any work starts (<c>run</c> and <c>capacity</c>).</summary>
internal static class ClusterOption
{
    /// <summary>The value that asks for the plain loop in this process, without Orleans.</summary>
    public const string None = "none";

    /// <summary>The option's help text, shared by the commands that take it.</summary>
    public const string Help =
        "Where the cells run: `local` (a silo in this process; the default for more than one cell), redis://HOST[:PORT][/CLUSTER] "
        + "(workers started with `pipeline worker`), or `none` (one after another in this process, without Orleans; the default for a single cell). Same results and files.";

    /// <summary>
    /// False (after printing the usage error) when <paramref name="text"/> is given and is neither <see cref="None"/>
    /// nor a cluster address; otherwise true, with <paramref name="choice"/> saying what was asked for.
    /// </summary>
    public static bool TryRead(string? text, CliOutput output, out ClusterChoice choice)
    {
        choice = ClusterChoice.Default;
        if (text is null) return true;
        if (text == None)
        {
            choice = new ClusterChoice(null, Given: true);
            return true;
        }
        var address = ClusterAddress.Parse(text, out var problem);
        if (address is null)
        {
            output.Error.WriteLine("error: " + problem!.Replace(ClusterAddress.Forms, $"`{None}`, {ClusterAddress.Forms}", StringComparison.Ordinal));
            return false;
        }
        choice = new ClusterChoice(address, Given: true);
        return true;
    }
}
