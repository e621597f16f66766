namespace Pipeline.Cli.Tests;

/// <summary><c>pipeline run FILE --peak</c>: the CLI prints the runner's search, probe by probe.</summary>
public sealed class PeakSearchCliTests
{
    private const string Experiment = """
        experiment peak {
          model llama-3.1-8b
          hardware { accelerator = h100-sxm }
          batching { policy = continuous  max_batch = 32 }
          workload { arrivals = poisson(rate: 8 req/s)  prompt = fixed(256 tok)  output = fixed(64 tok)  requests = 600  seed = 3 }
          slo { ttft p99 <= 1 s  tpot p99 <= 100 ms }
          benchmark { scenario = server  mode = simulate }
        }
        """;

    [Fact]
    public void Peak_prints_every_probe_and_the_peak_and_writes_the_probes_as_csv()
    {
        using var temp = new TempDirectory();
        var run = CliRun.Of("run", temp.Write("peak.pipe", Experiment), "--peak", "--out", temp.Path);

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Out + run.Error);
        var probes = run.Out.Split('\n').Where(l => l.StartsWith("probe ", StringComparison.Ordinal)).ToArray();
        probes.Length.Should().BeGreaterThan(2);
        probes.Should().Contain(l => l.Contains(" VALID ")).And.Contain(l => l.Contains(" INVALID "));
        probes.Should().OnlyContain(l => l.Contains("p99 TTFT") && l.Contains("p99 TPOT") && l.Contains("output tok/s"));
        run.Out.Should().Contain("peak search: workload.arrivals.rate from 8 req/s, tolerance 2%");
        run.Out.Should().MatchRegex(@"peak +[0-9.]+ req/s VALID; the lowest INVALID rate probed, [0-9.]+ req/s, is within 2%");
        run.Out.Should().Contain("result     VALID");
        var csv = File.ReadAllLines(Path.Combine(temp.Path, "peak.csv"));
        csv[0].Should().Be(Runner.Search.PeakSearchCsv.Header);
        csv.Should().HaveCount(probes.Length + 1);
        csv.Count(l => l.Contains(",true,\"")).Should().Be(1, "one row is the peak");
        File.Exists(Path.Combine(temp.Path, "result.json")).Should().BeTrue("the peak's run is written as the result");
    }

    [Fact]
    public void Peak_on_an_experiment_without_a_rate_to_vary_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        var offline = temp.Write("offline.pipe", Experiment.Replace("scenario = server", "scenario = offline"));
        var run = CliRun.Of("run", offline, "--peak");
        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("error: --peak: a peak-rate search needs the server or interactive scenario, not offline");
    }
}
