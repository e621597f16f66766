using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Pipeline.Cluster.Internal;
using Pipeline.Runner.Cells;

namespace Pipeline.Cluster.Tests;

/// <summary>A real cluster on this machine: Redis membership and `pipeline worker` processes.</summary>
public sealed partial class RedisClusterTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task An_unreachable_redis_is_an_error_before_any_cell_runs()
    {
        var port = Ports.Free(); // nothing listens there
        var connected = await CellCluster.ConnectAsync(new ClusterAddress("127.0.0.1", port, "pipeline"));

        connected.Cluster.Should().BeNull();
        connected.Problem.Should().StartWith($"cannot reach Redis at 127.0.0.1:{port} for --cluster redis://127.0.0.1:{port}/pipeline: ")
            .And.EndWith("(is redis-server running there?)");
    }

    [Fact]
    public async Task A_cluster_that_no_worker_joined_is_an_error_before_any_cell_runs()
    {
        var address = redis.NewCluster();
        var connected = await CellCluster.ConnectAsync(address, new CellClusterOptions(JoinWait: TimeSpan.FromSeconds(2)));

        connected.Cluster.Should().BeNull();
        connected.Problem.Should().StartWith($"no worker has joined cluster {address} within 2 s")
            .And.EndWith($"start one with `pipeline worker --cluster {address}`");
    }

    [Fact]
    public async Task A_worker_leaves_the_cluster_on_sigterm()
    {
        using var worker = new WorkerProcess(redis.NewCluster());
        await worker.Joined.WaitAsync(TimeSpan.FromMinutes(3)); // a safety net only

        worker.Terminate(TimeSpan.FromMinutes(1)).Should().BeTrue(worker.Output);
    }

    [Fact]
    public async Task Three_workers_finish_a_sweep_with_the_loops_results_and_report_files_when_one_is_killed_mid_sweep()
    {
        var cells = TestCells.Compile("cells-sweep.pipe");
        var withReports = cells.Cells.Select(c => c with { Reports = true }).ToArray();
        var loop = await TestCells.Collect(new LocalCellExecutor(Reports.ReportedCell.Run), withReports);
        var expected = TestCells.SweepCsv(cells, loop);

        var (results, attempts, killed) = await RunOnThreeWorkersKillingOne(withReports);

        results.Select(r => r.Index).Should().BeEquivalentTo(Enumerable.Range(0, 8), "no cell is lost and each is recorded once");
        attempts.Should().Contain(a => a.Attempt >= 2 && Pid(a.Silo) != killed, "a cell of the killed worker was issued again elsewhere");
        TestCells.SweepCsv(cells, results).Should().Be(expected);
        // Each cell's report, written on a worker process and sent back, is the one written here, byte for byte.
        loop.Should().OnlyContain(r => r.Files != null && r.Files.Any(f => f.Name == "trace.json"));
        foreach (var result in results)
        {
            Digests(result).Should().Equal(Digests(loop.Single(r => r.Index == result.Index)), $"cell {result.Index}");
        }
    }

    [Fact]
    public async Task A_worker_process_replays_a_trace_that_exists_only_in_the_cells_it_is_sent()
    {
        // The folder is gone before any worker starts: no process can read the trace from disk.
        var (cells, loop, _) = await TestCells.TraceSweepWithoutItsFolder();
        var address = redis.NewCluster();
        using var worker = new WorkerProcess(address);
        await worker.Joined.WaitAsync(TimeSpan.FromMinutes(3)); // a safety net only
        var connected = await CellCluster.ConnectAsync(address, new CellClusterOptions(JoinWait: TimeSpan.FromMinutes(1)));
        connected.Problem.Should().BeNull();
        List<CellResult> results;
        await using (var cluster = connected.Cluster!) results = await TestCells.Collect(cluster.Executor, cells.Cells);

        results.Should().OnlyContain(r => r.Errors.Count == 0, worker.Output);
        results.OrderBy(r => r.Index).Select(CellJson.Write).Should().Equal(loop.Select(CellJson.Write));
    }

    private static string[] Digests(CellResult result) =>
        result.Files!.Select(f => f.Name + " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(f.Content))).ToArray();

    [Fact]
    public async Task Three_workers_give_the_planners_capacity_csv_when_one_is_killed_mid_plan()
    {
        var source = Core.Text.SourceText.FromFile(TestCells.File("capacity-plan.pipe"));
        var expected = CapacityCellsTests.Csv(Runner.Capacity.CapacityPlanner.Run(source));
        var cells = Runner.Capacity.CapacityCells.Compile(source);

        var (results, attempts, killed) = await RunOnThreeWorkersKillingOne(cells.Cells);

        results.Select(r => r.Index).Should().BeEquivalentTo(Enumerable.Range(0, 4), "no candidate is lost and each is recorded once");
        attempts.Should().Contain(a => a.Attempt >= 2 && Pid(a.Silo) != killed, "a candidate of the killed worker was issued again elsewhere");
        CapacityCellsTests.Csv(Runner.Capacity.CapacityCells.Report(cells, results)).Should().Be(expected);
    }

    /// <summary>
    /// Runs <paramref name="cells"/> on three `pipeline worker` processes of a new cluster, killing the worker that takes
    /// the first cell as soon as it has it (its cells are then running or queued there); returns the results, every
    /// attempt the submitter made and the killed worker's process id.
    /// </summary>
    private async Task<(List<CellResult> Results, IReadOnlyCollection<CellAttempt> Attempts, int Killed)> RunOnThreeWorkersKillingOne(IReadOnlyList<ExperimentCell> cells)
    {
        var address = redis.NewCluster();
        var workers = Enumerable.Range(0, 3).Select(_ => new WorkerProcess(address)).ToArray();
        try
        {
            await Task.WhenAll(workers.Select(w => w.Joined)).WaitAsync(TimeSpan.FromMinutes(3)); // a safety net only
            var attempts = new ConcurrentQueue<CellAttempt>();
            WorkerProcess? killed = null;
            void OnAttempt(CellAttempt attempt)
            {
                attempts.Enqueue(attempt);
                if (killed is null && Pid(attempt.Silo) is { } pid && workers.FirstOrDefault(w => w.Id == pid) is { } worker)
                {
                    killed = worker;
                    worker.Kill();
                }
            }
            var connected = await CellCluster.ConnectAsync(address, new CellClusterOptions(OnAttempt: OnAttempt, JoinWait: TimeSpan.FromMinutes(1)));
            connected.Problem.Should().BeNull();
            List<CellResult> results;
            await using (var cluster = connected.Cluster!) results = await TestCells.Collect(cluster.Executor, cells);
            killed.Should().NotBeNull("the worker that took the first cell is killed");
            return (results, attempts, killed!.Id);
        }
        finally
        {
            foreach (var worker in workers) worker.Dispose();
        }
    }

    private static int? Pid(string silo) => PidOf().Match(silo) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"pid (\d+)$")]
    private static partial Regex PidOf();
}
