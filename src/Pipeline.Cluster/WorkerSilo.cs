using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Cluster.Internal;

namespace Pipeline.Cluster;

/// <summary>
/// <c>pipeline worker</c>: a silo that joins the cluster named by a Redis address and runs the cell grains placed on it
/// until stopped. Killing it loses nothing: submitters re-issue the cells it had.
/// </summary>
public static class WorkerSilo
{
    /// <summary>Joins, writes one line when joined, runs until <paramref name="stop"/> or SIGTERM; returns why it could not join, or null.</summary>
    public static async Task<string?> RunAsync(ClusterAddress address, WorkerOptions options, TextWriter log, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (address.IsLocal) return "a worker joins a shared cluster: --cluster needs `redis://HOST[:PORT][/CLUSTER]`, not `local`";
        if (await ClusterSetup.RedisProblem(address) is { } problem) return problem;
        var slots = options.Slots ?? Environment.ProcessorCount;
        var advertise = options.Advertise ?? ThisMachine();
        var builder = ClusterSetup.NewHost();
        builder.UseOrleans(silo => ClusterSetup.Silo(silo, address, slots, advertise));
        using var host = builder.Build();
        await host.StartAsync(CancellationToken.None);
        await log.WriteLineAsync($"worker pid {Environment.ProcessId} joined cluster {address} at {advertise}, {slots} slot{(slots == 1 ? "" : "s")}; Ctrl-C or SIGTERM leaves");
        await log.FlushAsync(CancellationToken.None);
        // Leave on Ctrl-C (the caller's token) or SIGTERM (the host's lifetime: `kill`, a service manager, `timeout`).
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stop,
            host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
            // Asked to leave: stop gracefully so the cluster hears of it at once.
        }
        await host.StopAsync(TimeSpan.FromSeconds(10));
        return null;
    }

    private static IPAddress ThisMachine() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? IPAddress.Loopback;
}
