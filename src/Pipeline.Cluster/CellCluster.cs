using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Cluster.Internal;
using Pipeline.Runner.Cells;

namespace Pipeline.Cluster;

/// <summary>
/// A submitter's connection to where cells run: a silo inside this process (<see cref="ClusterAddress.Local"/>), or a
/// client of the workers that joined a Redis-backed cluster. Either way cells run as cell grains through the same
/// <see cref="Executor"/>; dispose to leave (the in-process silo stops).
/// </summary>
public sealed class CellCluster : IAsyncDisposable
{
    private readonly IHost _host;

    private CellCluster(IHost host, ClusterAddress address, CellClusterOptions options)
    {
        _host = host;
        Address = address;
        var factory = host.Services.GetRequiredService<IGrainFactory>();
        Executor = new OrleansCellExecutor(key => factory.GetGrain<ICellGrain>(key), options);
    }

    /// <summary>Where the cells run.</summary>
    public ClusterAddress Address { get; }

    /// <summary>Runs cells on the cluster and streams their results back.</summary>
    public ICellExecutor Executor { get; }

    /// <summary>
    /// Starts the in-process silo, or checks that Redis answers and that a worker has joined (waiting up to
    /// <see cref="CellClusterOptions.JoinWait"/>), before any cell is submitted. A problem is a value, not an exception.
    /// </summary>
    public static async Task<ClusterConnectResult> ConnectAsync(ClusterAddress address, CellClusterOptions? options = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        options ??= CellClusterOptions.Default;
        var builder = ClusterSetup.NewHost();
        if (address.IsLocal)
        {
            builder.UseOrleans(silo => ClusterSetup.Silo(silo, address, options.Slots ?? Environment.ProcessorCount, IPAddress.Loopback));
        }
        else
        {
            if (await ClusterSetup.RedisProblem(address) is { } problem) return new ClusterConnectResult(null, problem);
            builder.UseOrleansClient(client => ClusterSetup.Client(client, address, options.Join));
        }
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellation);
        }
        catch (Exception exception) when (exception is OrleansException or SiloUnavailableException or TimeoutException)
        {
            host.Dispose();
            return new ClusterConnectResult(null,
                $"no worker has joined cluster {address} within {options.Join.TotalSeconds:0} s ({exception.GetBaseException().Message.Split('\n')[0].Trim()}): start one with `pipeline worker --cluster {address}`");
        }
        return new ClusterConnectResult(new CellCluster(host, address, options), null);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _host.Dispose();
        }
    }
}
