namespace Pipeline.Cli.Tests;

/// <summary><c>pipeline capacity FILE</c>: the table, the answer, the artefacts and the exit codes.</summary>
public sealed class CapacityCommandTests
{
    private const string Experiment = """
        experiment small {
          model llama-3.1-8b
          hardware { accelerator = h100-sxm }
          batching { policy = continuous  max_batch = 32 }
          workload { arrivals = poisson(rate: 6 req/s)  prompt = uniform(256 tok, 768 tok)  output = uniform(32 tok, 96 tok)  requests = 150  seed = 7 }
          slo { ttft p90 <= 300 ms  tpot p90 <= 30 ms }
          benchmark { scenario = server  mode = simulate  min_queries = 150  seed = 7 }
          capacity { hardware.accelerator = [l40s, h100-sxm] }
        }
        """;

    [Fact]
    public void Capacity_prints_the_table_and_the_answer_and_writes_the_table_csv_and_pareto_plot()
    {
        using var temp = new TempDirectory();
        var run = CliRun.Of("capacity", temp.Write("small.pipe", Experiment), "--out", temp.Path);

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        run.Out.Should().Contain("capacity plan `small`: traffic 6 req/s, seed 7").And.Contain("cheapest that meets 6 req/s: #");
        run.Error.Should().Contain("#0 hardware.accelerator = l40s: 1 x l40s, 2.25 USD/h");
        var csv = File.ReadAllLines(Path.Combine(temp.Path, "capacity.csv"));
        csv[0].Should().Be(Runner.Capacity.CapacityCsv.Header);
        csv.Should().HaveCount(3);
        csv.Count(l => l.Split(',')[12] == "true").Should().Be(1, "one row is the answer");
        csv.Skip(1).Should().OnlyContain(l => l.EndsWith(",7", StringComparison.Ordinal), "each row records the workload's seed, 7");
        File.ReadAllText(Path.Combine(temp.Path, "capacity.txt")).Should().Be(run.Out[..run.Out.IndexOf("wrote ", StringComparison.Ordinal)]);
        new FileInfo(Path.Combine(temp.Path, "capacity-pareto.png")).Length.Should().BeGreaterThan(1000);
        File.ReadAllText(Path.Combine(temp.Path, "capacity-pareto.svg")).Should().Contain("<svg");
    }

    [Fact]
    public void A_file_without_a_capacity_block_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        var run = CliRun.Of("capacity", temp.Write("plain.pipe", Experiment.Replace("  capacity { hardware.accelerator = [l40s, h100-sxm] }\n", "", StringComparison.Ordinal)));
        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("has no capacity { } block");
    }

    [Fact]
    public void A_capacity_plan_no_candidate_of_which_meets_the_traffic_exits_with_errors()
    {
        using var temp = new TempDirectory();
        var run = CliRun.Of("capacity", temp.Write("heavy.pipe", Experiment.Replace("rate: 6 req/s", "rate: 400 req/s", StringComparison.Ordinal)));
        run.ExitCode.Should().Be(ExitCodes.Errors);
        run.Out.Should().Contain("no candidate meets 400 req/s");
    }

    [Fact]
    public void Capacity_runs_on_the_in_process_silo_by_default_and_writes_the_planners_files_byte_for_byte()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("small.pipe", Experiment);
        var planner = Path.Combine(temp.Path, "planner");
        var cluster = Path.Combine(temp.Path, "cluster");
        var inProcess = CliRun.Of("capacity", file, "--out", planner, "--cluster", "none", "--seed", "11");
        var onSilo = CliRun.Of("capacity", file, "--out", cluster, "--seed", "11");

        inProcess.ExitCode.Should().Be(ExitCodes.Ok, inProcess.Error);
        onSilo.ExitCode.Should().Be(ExitCodes.Ok, onSilo.Error);
        inProcess.Error.Should().NotContain("cluster local");
        onSilo.Error.Should().Contain("cluster local: 2 candidates");
        onSilo.Out.Should().StartWith("capacity plan `small`: traffic 6 req/s, seed 11");
        File.ReadAllLines(Path.Combine(cluster, "capacity.csv")).Skip(1).Should().OnlyContain(l => l.EndsWith(",11", StringComparison.Ordinal), "the override, recorded");
        // The SVG too: its clip-path ids are named after the chart, not ScottPlot's per-process counter.
        foreach (var name in new[] { "capacity.csv", "capacity.txt", "capacity-pareto.png", "capacity-pareto.svg" })
        {
            File.ReadAllBytes(Path.Combine(cluster, name)).Should().Equal(File.ReadAllBytes(Path.Combine(planner, name)), name);
        }
    }

    [Fact]
    public void A_capacity_plan_over_a_trace_writes_the_same_files_on_the_in_process_silo_as_in_the_planners_loop()
    {
        using var temp = new TempDirectory();
        // The cells carry the experiment's text; the trace is read where they run, relative to the experiment's path.
        temp.Write("day.csv", "arrival_time,prompt_tokens,output_tokens\n" + string.Concat(Enumerable.Range(0, 200)
            .Select(i => FormattableString.Invariant($"{i / 6.0:0.0000},{256 + i * 37 % 512},{32 + i * 13 % 64}\n"))));
        var file = temp.Write("traced.pipe", Experiment.Replace("arrivals = poisson(rate: 6 req/s)  prompt = uniform(256 tok, 768 tok)  output = uniform(32 tok, 96 tok)  requests = 150",
            "arrivals = trace(\"day.csv\")", StringComparison.Ordinal).Replace("min_queries = 150", "min_queries = 200", StringComparison.Ordinal));
        var planner = Path.Combine(temp.Path, "planner");
        var cluster = Path.Combine(temp.Path, "cluster");

        var inProcess = CliRun.Of("capacity", file, "--out", planner, "--cluster", "none");
        var onSilo = CliRun.Of("capacity", file, "--out", cluster);

        onSilo.ExitCode.Should().Be(inProcess.ExitCode, onSilo.Error);
        inProcess.Out.Should().StartWith("capacity plan `small`: traffic trace(\"day.csv\"), 200 rows over 33.167 s");
        inProcess.Error.Should().Contain("#1 hardware.accelerator = h100-sxm: 1 x h100-sxm, 6.16 USD/h, peak ");
        foreach (var name in new[] { "capacity.csv", "capacity.txt", "capacity-pareto.png", "capacity-pareto.svg" })
        {
            File.ReadAllBytes(Path.Combine(cluster, name)).Should().Equal(File.ReadAllBytes(Path.Combine(planner, name)), name);
        }
        File.ReadAllLines(Path.Combine(planner, "capacity.csv")).Skip(1).Should().OnlyContain(l => l.Split(',')[5] == "searched");
    }

    [Fact]
    public void A_malformed_cluster_address_is_a_usage_error_before_the_file_is_read()
    {
        var run = CliRun.Of("capacity", "missing.pipe", "--cluster", "redis:/cache");
        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Trim().Should().Be("error: --cluster 'redis:/cache' is not a cluster address: expected `none`, `local` or `redis://HOST[:PORT][/CLUSTER]`");
    }

    [Fact]
    public void An_unreachable_redis_fails_the_plan_before_any_candidate_runs()
    {
        using var temp = new TempDirectory();
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
        var run = CliRun.Of("capacity", temp.Write("small.pipe", Experiment), "--cluster", $"redis://127.0.0.1:{port}");

        run.ExitCode.Should().Be(ExitCodes.Errors);
        run.Error.Should().StartWith($"error: cannot reach Redis at 127.0.0.1:{port} for --cluster redis://127.0.0.1:{port}/pipeline: ");
        run.Error.Should().NotContain("#0", "no candidate ran");
        run.Out.Should().BeEmpty();
    }
}
