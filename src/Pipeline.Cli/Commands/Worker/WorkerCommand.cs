using System.CommandLine;
using System.Globalization;
using System.Net;
using Pipeline.Cluster;

namespace Pipeline.Cli.Commands.Worker;

/// <summary>
/// <c>pipeline worker --cluster redis://HOST[:PORT][/CLUSTER] [--slots N] [--advertise ADDRESS]</c>: starts a silo that
/// joins the cluster and runs the sweep cells submitters place on it, until Ctrl-C. Exit code 2 for a bad option, 1 when
/// it cannot join (Redis unreachable), 0 after leaving.
/// </summary>
internal sealed class WorkerCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var cluster = new Option<string>("--cluster") { Description = "The cluster to join: redis://HOST[:PORT][/CLUSTER] (port 6379 and cluster `pipeline` by default).", Required = true };
        var slots = new Option<string?>("--slots") { Description = "Cells run at once (simulate mode; an execute-mode cell runs alone). Default: the processor count." };
        var advertise = new Option<string?>("--advertise") { Description = "The IP address other silos and submitters reach this worker at. Default: the first non-loopback IPv4 address." };
        var command = new Command("worker", "Start a silo that joins a cluster and runs the sweep cells submitted to it (`pipeline run FILE --cluster ...`).")
        {
            cluster, slots, advertise,
        };
        command.SetAction(parse => Execute(parse.GetValue(cluster)!, parse.GetValue(slots), parse.GetValue(advertise), output));
        return command;
    }

    private static int Execute(string clusterText, string? slotsText, string? advertiseText, CliOutput output)
    {
        if (ClusterAddress.Parse(clusterText, out var problem) is not { } address)
        {
            output.Error.WriteLine("error: " + problem);
            return ExitCodes.Usage;
        }
        if (address.IsLocal)
        {
            output.Error.WriteLine("error: --cluster local is a silo inside `pipeline run`; a worker joins a shared cluster: redis://HOST[:PORT][/CLUSTER]");
            return ExitCodes.Usage;
        }
        int? slots = null;
        if (slotsText is not null)
        {
            if (!int.TryParse(slotsText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 1024)
            {
                output.Error.WriteLine($"error: --slots '{slotsText}' is not a whole number from 1 to 1024");
                return ExitCodes.Usage;
            }
            slots = value;
        }
        IPAddress? ip = null;
        if (advertiseText is not null && !IPAddress.TryParse(advertiseText, out ip))
        {
            output.Error.WriteLine($"error: --advertise '{advertiseText}' is not an IP address");
            return ExitCodes.Usage;
        }
        var failure = WorkerSilo.RunAsync(address, new WorkerOptions(slots, ip), output.Out, output.Interrupt).GetAwaiter().GetResult();
        if (failure is null) return ExitCodes.Ok;
        output.Error.WriteLine("error: " + failure);
        return ExitCodes.Errors;
    }
}
