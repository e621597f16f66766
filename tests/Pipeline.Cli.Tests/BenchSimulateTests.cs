namespace Pipeline.Cli.Tests;

public sealed class BenchSimulateTests
{
    [Fact]
    public void Bench_simulate_serves_the_asked_number_of_queries_and_prints_speed_and_memory()
    {
        var run = CliRun.Of("bench", "simulate", CliRun.Example("mlperf/h200-server.pipe"), "--requests", "120", "--scenario", "offline");
        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().Contain("experiment: mlperf-h200-server (Offline), simulate mode, timelines streamed");
        run.Out.Should().Contain("simulated: 120 queries, 120 completed");
        foreach (var figure in new[] { "wall: ", "requests/s", "cpu: ", "allocated: ", "B/request", "gc: gen0 ", "heap after run: ", "peak working set: " })
        {
            run.Out.Should().Contain(figure);
        }
    }

    [Theory]
    [InlineData("--scenario", "batch", "unknown scenario 'batch'")]
    [InlineData("--requests", "0", "requests must be at least 1")]
    public void Bench_simulate_rejects_bad_options_with_a_message(string option, string value, string message)
    {
        var run = CliRun.Of("bench", "simulate", CliRun.Example("mlperf/h200-server.pipe"), option, value);
        run.ExitCode.Should().NotBe(0);
        run.Error.Should().Contain(message);
    }

    [Fact]
    public void Bench_simulate_refuses_an_execute_mode_experiment_and_a_missing_file()
    {
        CliRun.Of("bench", "simulate", CliRun.Example("quickstart.pipe"), "--requests", "5").Error.Should().Contain("needs mode = simulate");
        CliRun.Of("bench", "simulate", CliRun.Example("no-such.pipe")).Error.Should().Contain("not found");
    }
}
