using System.Net;
using System.Net.Sockets;

namespace Pipeline.Cli.Tests;

/// <summary>
/// <c>pipeline run FILE [--cluster ...]</c> and <c>pipeline worker</c>: the same files wherever the cells run (the plain
/// loop, <c>--cluster none</c>, is the reference: it writes each cell's report from the run in this process), and every
/// problem caught before work starts.
/// </summary>
public sealed class ClusterOptionTests
{
    private static string SweepFile => Path.Combine(CliRun.RepositoryRoot, "tests", "Pipeline.Cluster.Tests", "TestData", "cells-sweep.pipe");

    [Fact]
    public void A_sweep_runs_on_the_in_process_silo_by_default_and_writes_the_plain_loops_files_byte_for_byte()
    {
        using var loopDir = new TempDirectory();
        using var siloDir = new TempDirectory();

        var loop = CliRun.Of("run", SweepFile, "--out", loopDir.Path, "--cluster", "none");
        var silo = CliRun.Of("run", SweepFile, "--out", siloDir.Path);

        silo.ExitCode.Should().Be(loop.ExitCode, silo.Error);
        loop.Out.Should().StartWith("== run 1/8").And.NotContain("cluster local");
        silo.Out.Should().StartWith("cluster local: 8 cells").And.Contain("[8/8] run ").And.Contain("wrote " + Path.Combine(siloDir.Path, "run-7", "report.html"));
        var expected = FilesUnder(loopDir.Path);
        // Every cell's folder (result.json, summary.txt, requests.csv, trace.json, charts, page) and the sweep's files.
        expected.Keys.Should().Contain([Path.Combine("run-0", "trace.json"), Path.Combine("run-7", "ttft.svg"), "sweep.csv", "report.html"]);
        expected.Should().HaveCount(8 * 9 + 8, "nine files per cell; sweep.csv, page and three charts as PNG and SVG");
        AssertSameFiles(FilesUnder(siloDir.Path), expected);
    }

    [Fact]
    public void A_peak_search_sweep_on_the_in_process_silo_writes_each_cells_peak_csv_and_report_as_the_plain_loop_does()
    {
        var file = Path.Combine(CliRun.RepositoryRoot, "tests", "Pipeline.Cluster.Tests", "TestData", "peak-sweep.pipe");
        using var loopDir = new TempDirectory();
        using var siloDir = new TempDirectory();

        var loop = CliRun.Of("run", file, "--out", loopDir.Path, "--cluster", "none");
        var silo = CliRun.Of("run", file, "--out", siloDir.Path, "--cluster", "local");

        silo.ExitCode.Should().Be(loop.ExitCode, silo.Error);
        silo.Out.Should().Contain("cluster local: 2 cells");
        var expected = FilesUnder(loopDir.Path);
        expected.Keys.Should().Contain([Path.Combine("run-0", "peak.csv"), Path.Combine("run-1", "peak.csv"), Path.Combine("run-1", "result.json")]);
        AssertSameFiles(FilesUnder(siloDir.Path), expected);
    }

    [Fact]
    public void A_single_run_on_the_in_process_silo_writes_the_same_report_as_the_direct_run()
    {
        using var temp = new TempDirectory();
        // Simulate mode: an execute-mode run measures this busy machine, so two runs of it differ.
        var file = temp.Write("single.pipe", """
            experiment single {
              model llama-3.1-8b
              hardware { accelerator = h100-sxm }
              batching { policy = continuous  max_batch = 16 }
              workload { arrivals = poisson(rate: 6 req/s)  prompt = uniform(128 tok, 512 tok)  output = fixed(48 tok)  requests = 200  seed = 5 }
              slo { ttft p99 <= 1 s  tpot p99 <= 100 ms }
              benchmark { scenario = server  mode = simulate  min_queries = 200 }
            }
            """);
        var directDir = Path.Combine(temp.Path, "direct");
        var siloDir = Path.Combine(temp.Path, "silo");

        var direct = CliRun.Of("run", file, "--out", directDir);
        var silo = CliRun.Of("run", file, "--out", siloDir, "--cluster", "local");

        direct.Out.Should().NotContain("cluster local", "one cell runs directly unless a cluster is asked for");
        silo.Out.Should().StartWith("cluster local: 1 cell");
        silo.ExitCode.Should().Be(direct.ExitCode, silo.Error);
        var expected = FilesUnder(directDir);
        expected.Keys.Should().Contain(["result.json", "requests.csv", "report.html"]);
        AssertSameFiles(FilesUnder(siloDir), expected);
    }

    [Theory]
    [InlineData("redis:/cache", "error: --cluster 'redis:/cache' is not a cluster address: expected `none`, `local` or `redis://HOST[:PORT][/CLUSTER]`")]
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

    private static Dictionary<string, byte[]> FilesUnder(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(folder, path), File.ReadAllBytes);

    private static void AssertSameFiles(Dictionary<string, byte[]> actual, Dictionary<string, byte[]> expected)
    {
        actual.Keys.Order(StringComparer.Ordinal).Should().Equal(expected.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, bytes) in expected) actual[name].Should().Equal(bytes, name);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
