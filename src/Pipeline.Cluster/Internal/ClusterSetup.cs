using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Pipeline.Cluster.Internal;

/// <summary>The one configuration of a silo and of a client, for the in-process silo and for workers alike.</summary>
internal static class ClusterSetup
{
    /// <summary>Calls to a silo that does not answer in this long fail, and the submitter re-issues the cell elsewhere.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Largest message either end accepts: a cell carries its trace as text (up to the 256 MiB trace cap, more as JSON
    /// with its escapes), over Orleans' default of 100 MB. Cells larger than <see cref="MaxCellBytes"/> are refused up front.
    /// </summary>
    public const int MaxMessageBytes = 640 << 20;

    /// <summary>Largest cell (its JSON, UTF-8) sent to a grain; leaves room under <see cref="MaxMessageBytes"/> for the envelope.</summary>
    public const int MaxCellBytes = 600 << 20;

    public static HostApplicationBuilder NewHost()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders(); // the CLI owns stdout and stderr
        return builder;
    }

    public static void Silo(ISiloBuilder silo, ClusterAddress address, int slots, IPAddress advertise)
    {
        var siloPort = Ports.Free();
        var gatewayPort = Ports.Free();
        if (address.IsLocal)
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: address.ClusterId, clusterId: address.ClusterId);
        }
        else
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = Redis(address));
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (address.ClusterId, address.ClusterId));
            silo.ConfigureEndpoints(advertise, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertise));
        }
        // A killed worker is declared dead in a few seconds (probes every 2 s, three missed), not the default minute.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 3;
            o.NumVotesForDeathDeclaration = 1;
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        });
        silo.Configure<SiloMessagingOptions>(o => (o.ResponseTimeout, o.MaxMessageBodySize) = (ResponseTimeout, MaxMessageBytes));
        silo.Services.AddSingleton(new CellSlots(slots));
    }

    public static void Client(IClientBuilder client, ClusterAddress address, TimeSpan joinWait)
    {
        client.UseRedisClustering(o => o.ConfigurationOptions = Redis(address));
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (address.ClusterId, address.ClusterId));
        client.Configure<ClientMessagingOptions>(o => (o.ResponseTimeout, o.MaxMessageBodySize) = (ResponseTimeout, MaxMessageBytes));
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
        var deadline = DateTime.UtcNow + joinWait;
        client.UseConnectionRetryFilter(async (_, cancellation) =>
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellation);
            return true;
        });
    }

    /// <summary>Orleans' own connection keeps retrying: the address was checked before (<see cref="RedisProblem"/>).</summary>
    public static ConfigurationOptions Redis(ClusterAddress address)
    {
        var options = ConfigurationOptions.Parse(address.RedisEndpoint);
        options.AbortOnConnectFail = false;
        return options;
    }

    /// <summary>Null when Redis answers at the address, else why not.</summary>
    public static async Task<string?> RedisProblem(ClusterAddress address)
    {
        try
        {
            // Generous: a busy machine starting several workers at once is slow to connect, not unreachable.
            var options = ConfigurationOptions.Parse(address.RedisEndpoint);
            (options.AbortOnConnectFail, options.ConnectTimeout, options.ConnectRetry) = (true, 5000, 3);
            await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
            await redis.GetDatabase().PingAsync();
            return null;
        }
        catch (RedisException exception)
        {
            return $"cannot reach Redis at {address.RedisEndpoint} for --cluster {address}: {FirstSentence(exception.Message)} (is redis-server running there?)";
        }
    }

    // StackExchange.Redis appends advice about its own options to the first sentence; the user needs the first sentence.
    private static string FirstSentence(string message) =>
        message.Split('\n')[0].Trim() is var line && line.IndexOf(". ", StringComparison.Ordinal) is > 0 and var end ? line[..(end + 1)] : line.Trim();
}
