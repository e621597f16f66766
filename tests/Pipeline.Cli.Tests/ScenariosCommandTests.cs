namespace Pipeline.Cli.Tests;

/// <summary><c>pipeline scenarios FILE</c>: the hidden-bottleneck table, its sentence, and the CSV records.</summary>
public sealed class ScenariosCommandTests
{
    private const string Experiment = """
        experiment small {
          model llama-3.1-8b
          hardware { accelerator = h100-sxm }
          batching { policy = chunked  max_batch = 128  max_batched_tokens = 2048 tok }
          workload { arrivals = poisson(rate: 20 req/s)  prompt = fixed(128 tok)  output = fixed(32 tok)  requests = 600  seed = 4 }
          benchmark { preset = mlperf  mode = simulate  duration = 10 s  min_queries = 100  search = peak_rate(tolerance: 10%) }
        }
        """;

    [Fact]
    public void Scenarios_prints_one_table_the_finding_and_writes_both_records()
    {
        using var temp = new TempDirectory();
        var run = CliRun.Of("scenarios", temp.Write("small.pipe", Experiment), "--tpot-limits", "40ms,100ms", "--out", temp.Path);

        run.ExitCode.Should().BeOneOf([ExitCodes.Ok, ExitCodes.Errors], run.Error);
        var table = run.Out.Split('\n');
        table.Should().Contain(l => l.StartsWith("scenario ", StringComparison.Ordinal) && l.Contains("share of Offline") && l.Contains("goodput") && l.Contains("VALID"));
        table.Should().Contain(l => l.StartsWith("offline ", StringComparison.Ordinal) && l.Contains("100.0%"));
        table.Should().Contain(l => l.StartsWith("server at ", StringComparison.Ordinal));
        table.Should().Contain(l => l.StartsWith("interactive at ", StringComparison.Ordinal));
        table.Should().Contain(l => l.StartsWith("single-stream ", StringComparison.Ordinal));
        run.Out.Should().Contain("Throughput-only figures hide the latency limits").And.Contain("best throughput under each TPOT limit");
        run.Error.Should().Contain("server: probe").And.Contain("interactive: probe");
        var scenarios = File.ReadAllLines(Path.Combine(temp.Path, "scenarios.csv"));
        scenarios[0].Should().Be(Runner.Scenarios.ScenarioCsv.ReportHeader);
        scenarios.Skip(1).Select(l => l.Split(',')[0]).Should().Equal("offline", "server", "interactive", "single-stream");
        scenarios.Skip(1).Should().OnlyContain(l => l.EndsWith(",4", StringComparison.Ordinal), "each row records the workload's seed, 4");
        var curve = File.ReadAllLines(Path.Combine(temp.Path, "tpot-curve.csv"));
        curve[0].Should().Be(Runner.Scenarios.ScenarioCsv.CurveHeader);
        curve.Skip(1).Select(l => l.Split(',')[0]).Should().Equal("40", "100");
        curve.Skip(1).Should().OnlyContain(l => l.EndsWith(",4", StringComparison.Ordinal));
    }

    [Fact]
    public void Scenarios_over_a_trace_search_its_replay_speed_and_need_a_trace_with_a_span()
    {
        using var temp = new TempDirectory();
        // 300 rows over 29.9 s (no minimum duration or query count beyond the rows: a trace cannot be extended).
        temp.Write("t.csv", string.Concat(Enumerable.Range(0, 300).Select(i => FormattableString.Invariant($"{i * 0.1:0.0},{128 + i * 37 % 256},{16 + i % 32}\n"))));
        temp.Write("burst.csv", "0,16,8\n0,16,8\n");
        const string traced = """
            experiment small {
              model llama-3.1-8b
              hardware { accelerator = h100-sxm }
              batching { policy = chunked  max_batch = 128  max_batched_tokens = 2048 tok }
              workload { arrivals = trace("FILE")  seed = 4 }
              slo { ttft p90 <= 500 ms  tpot p90 <= 50 ms }
              benchmark { scenario = server  mode = simulate }
            }
            """;

        var spread = CliRun.Of("scenarios", temp.Write("trace.pipe", traced.Replace("FILE", "t.csv", StringComparison.Ordinal)), "--no-curve");
        var burst = CliRun.Of("scenarios", temp.Write("burst.pipe", traced.Replace("FILE", "burst.csv", StringComparison.Ordinal)), "--no-curve");

        spread.Error.Should().NotContain("varies the arrival rate").And.Contain("server: probe 10.033 req/s", "the search starts at the trace's mean rate, 300 rows over 29.9 s");
        spread.Out.Should().Contain("server at ");
        burst.ExitCode.Should().Be(ExitCodes.Errors);
        burst.Error.Should().Contain("error: server: a peak-rate search varies the arrival rate, but every row of the trace arrives at the same time");
    }

    [Fact]
    public void A_bad_tpot_limit_list_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        CliRun.Of("scenarios", temp.Write("small.pipe", Experiment), "--tpot-limits", "fast").ExitCode.Should().Be(ExitCodes.Usage);
    }
}
