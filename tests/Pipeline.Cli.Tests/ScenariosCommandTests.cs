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
    public void Scenarios_needs_a_rate_to_search()
    {
        using var temp = new TempDirectory();
        var trace = temp.Write("t.csv", "0,16,8\n0.5,16,8\n");
        var run = CliRun.Of("scenarios", temp.Write("trace.pipe", Experiment.Replace("arrivals = poisson(rate: 20 req/s)", "arrivals = trace(\"t.csv\")").Replace("  search = peak_rate(tolerance: 10%)", "")));
        run.ExitCode.Should().Be(ExitCodes.Errors);
        run.Error.Should().Contain("error: server: a peak-rate search varies the Poisson arrival rate");
        _ = trace;
    }

    [Fact]
    public void A_bad_tpot_limit_list_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        CliRun.Of("scenarios", temp.Write("small.pipe", Experiment), "--tpot-limits", "fast").ExitCode.Should().Be(ExitCodes.Usage);
    }
}
