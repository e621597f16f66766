using System.Net;
using System.Net.Sockets;

namespace Pipeline.Cli.Tests;

/// <summary><c>pipeline run FILE --cluster ...</c> and <c>pipeline worker</c>: same results, and every problem caught before work starts.</summary>
public sealed class ClusterOptionTests
{
    private static string SweepFile => Path.Combine(CliRun.RepositoryRoot, "tests", "Pipeline.Cluster.Tests", "TestData", "cells-sweep.pipe");

    [Fact]
    public void Run_on_the_in_process_silo_writes_the_same_sweep_csv_as_the_plain_loop()
    {
        using var loopDir = new TempDirectory();
        using var siloDir = new TempDirectory();

        var loop = CliRun.Of("run", SweepFile, "--out", loopDir.Path);
        var silo = CliRun.Of("run", SweepFile, "--out", siloDir.Path, "--cluster", "local");

        silo.ExitCode.Should().Be(loop.ExitCode, silo.Error);
        silo.Out.Should().StartWith("cluster local: 8 cells").And.Contain("[8/8] run ");
        File.ReadAllBytes(Path.Combine(siloDir.Path, "sweep.csv")).Should().Equal(File.ReadAllBytes(Path.Combine(loopDir.Path, "sweep.csv")));
        Directory.Exists(Path.Combine(siloDir.Path, "run-0")).Should().BeFalse("timelines stay where cells ran: no per-cell report");
    }

    [Theory]
    [InlineData("redis:/cache", "error: --cluster 'redis:/cache' is not a cluster address: expected `local` or `redis://HOST[:PORT][/CLUSTER]`")]
    [InlineData("redis://cache:99999", "error: --cluster 'redis://cache:99999': the port must be a whole number from 1 to 65535")]
    public void A_malformed_cluster_address_is_a_usage_error_before_any_work(string address, string message)
    {
        var run = CliRun.Of("run", SweepFile, "--cluster", address);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Trim().Should().Be(message);
        run.Out.Should().BeEmpty();
    }

    [Fact]
    public void An_unreachable_redis_fails_the_run_before_any_cell_runs()
    {
        var port = ClosedPort();

        var run = CliRun.Of("run", SweepFile, "--cluster", $"redis://127.0.0.1:{port}");

        run.ExitCode.Should().Be(ExitCodes.Errors);
        run.Error.Should().StartWith($"error: cannot reach Redis at 127.0.0.1:{port} for --cluster redis://127.0.0.1:{port}/pipeline: ");
        run.Out.Should().BeEmpty("no cell was submitted");
    }

    [Fact]
    public void A_worker_needs_a_shared_cluster_and_a_reachable_redis()
    {
        var local = CliRun.Of("worker", "--cluster", "local");
        local.ExitCode.Should().Be(ExitCodes.Usage);
        local.Error.Should().Contain("a worker joins a shared cluster: redis://HOST[:PORT][/CLUSTER]");

        var port = ClosedPort();
        var unreachable = CliRun.Of("worker", "--cluster", $"redis://127.0.0.1:{port}");
        unreachable.ExitCode.Should().Be(ExitCodes.Errors);
        unreachable.Error.Should().StartWith($"error: cannot reach Redis at 127.0.0.1:{port}");

        CliRun.Of("worker", "--cluster", "redis://h", "--slots", "0").Error.Trim()
            .Should().Be("error: --slots '0' is not a whole number from 1 to 1024");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
