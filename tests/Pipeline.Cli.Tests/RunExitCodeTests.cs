using System.Text;
using System.Text.Json;

namespace Pipeline.Cli.Tests;

/// <summary><c>pipeline run</c>'s exit codes: 0 VALID, 1 diagnostics or INVALID, 2 usage, 130 interrupted.</summary>
public sealed class RunExitCodeTests
{
    private const string Experiment = """
        experiment exit-codes {
          model llama-3.1-8b
          hardware { accelerator = h100-sxm }
          batching { policy = continuous  max_batch = 64 }
          workload { arrivals = poisson(rate: 4 req/s)  prompt = fixed(256 tok)  output = fixed(64 tok)  requests = 600  seed = 3 }
          slo { ttft p99 <= 2 s  tpot p99 <= 200 ms }
          benchmark { scenario = server  mode = simulate }
        }
        """;

    [Fact]
    public void A_valid_run_exits_0()
    {
        using var temp = new TempDirectory();
        var run = CliRun.Of("run", temp.Write("ok.pipe", Experiment));
        run.ExitCode.Should().Be(ExitCodes.Ok, run.Out + run.Error);
        run.Out.Should().Contain("result     VALID");
    }

    [Fact]
    public void A_run_over_its_limits_is_invalid_and_exits_1_with_its_reasons()
    {
        using var temp = new TempDirectory();
        var run = CliRun.Of("run", temp.Write("tight.pipe", Experiment.Replace("tpot p99 <= 200 ms", "tpot p99 <= 1 ms")));
        run.ExitCode.Should().Be(ExitCodes.Errors);
        run.Out.Should().Contain("result     INVALID").And.Contain("invalid    p99 TPOT is").And.Contain("over the limit of 1 ms");
    }

    [Fact]
    public void A_file_with_errors_exits_1_and_a_missing_file_exits_2()
    {
        using var temp = new TempDirectory();
        CliRun.Of("run", temp.Write("bad.pipe", Experiment.Replace("max_batch = 64", "max_batch = 0"))).ExitCode.Should().Be(ExitCodes.Errors);
        CliRun.Of("run", Path.Combine(temp.Path, "missing.pipe")).ExitCode.Should().Be(ExitCodes.Usage);
    }

    [Fact]
    public void An_interrupted_run_stops_cleanly_writes_what_it_has_marked_invalid_and_exits_130()
    {
        using var temp = new TempDirectory();
        using var interrupt = new CancellationTokenSource();
        var stdout = new StringWriter();
        // Ctrl-C, in memory: the token is cancelled as soon as the run reports its first progress.
        var stderr = new InterruptingWriter("progress:", interrupt);
        var output = new CliOutput(stdout, stderr, false) { Interrupt = interrupt.Token };
        var outDir = Path.Combine(temp.Path, "out");

        var code = CliApplication.Run(["run", temp.Write("long.pipe", Experiment), "--out", outDir], output);

        code.Should().Be(ExitCodes.Interrupted, stderr.ToString());
        stdout.ToString().Should().Contain("stopped    interrupted").And.Contain("result     INVALID").And.Contain("invalid    the run stopped early: interrupted");
        stderr.ToString().Should().Contain("interrupted: stopped cleanly after 1 of 1 run");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "result.json")));
        json.RootElement.GetProperty("valid").GetBoolean().Should().BeFalse();
        json.RootElement.GetProperty("abort_reason").GetString().Should().Be("interrupted");
        json.RootElement.GetProperty("completed").GetInt32().Should().BeLessThan(600);
    }

    /// <summary>Cancels a token the first time a line containing <paramref name="trigger"/> is written.</summary>
    private sealed class InterruptingWriter(string trigger, CancellationTokenSource interrupt) : StringWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(trigger, StringComparison.Ordinal) == true) interrupt.Cancel();
        }
    }
}
