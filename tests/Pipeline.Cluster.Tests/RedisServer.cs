using System.Diagnostics;
using System.Net.Sockets;
using Pipeline.Cluster.Internal;

namespace Pipeline.Cluster.Tests;

/// <summary>A throwaway redis-server on a free loopback port, for the tests that need real cluster membership.</summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process _process;

    public RedisServer()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: `apt-get install redis-server` (.ci/run installs it)");
        Port = Ports.Free();
        _process = Process.Start(new ProcessStartInfo(binary, $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        for (var waited = 0; ; waited += 100)
        {
            try
            {
                using var client = new TcpClient("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (waited < 20_000)
            {
                Thread.Sleep(100);
            }
        }
    }

    public int Port { get; }

    /// <summary>An address on this server with a cluster id of its own, so tests never see each other's silos.</summary>
    public ClusterAddress NewCluster() => new("127.0.0.1", Port, "test-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}
