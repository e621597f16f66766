using System.Text.Json;

namespace Pipeline.Cli.Tests;

public sealed class RunAndTestVerbTests
{
    [Fact]
    public void Run_serves_the_quickstart_and_writes_result_json_with_vllm_field_names_and_every_report_file()
    {
        using var temp = new TempDirectory();

        var run = CliRun.Of("run", CliRun.Example("quickstart.pipe"), "--out", temp.Path);

        run.ExitCode.Should().BeOneOf([ExitCodes.Ok, ExitCodes.Errors], run.Error);
        run.Out.Should().Contain("TTFT").And.Contain("TPOT").And.Contain("ITL").And.Contain("E2E").And.Contain("throughput");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Path, "result.json")));
        var root = json.RootElement;
        foreach (var field in new[] { "completed", "duration", "request_throughput", "output_throughput", "total_token_throughput",
                     "mean_ttft_ms", "median_ttft_ms", "p99_ttft_ms", "mean_tpot_ms", "p99_tpot_ms", "mean_itl_ms", "p99_itl_ms",
                     "mean_e2el_ms", "p99_e2el_ms", "arrived", "rejected", "preemptions", "policy", "device",
                     "final_query_done", "completed_request_throughput", "completed_output_throughput" })
        {
            root.TryGetProperty(field, out _).Should().BeTrue($"result.json must have '{field}'");
        }
        (root.GetProperty("completed").GetInt32() + root.GetProperty("rejected").GetInt32())
            .Should().Be(root.GetProperty("arrived").GetInt32(), "no request is ever lost");
        // Execute mode measures real step times, so a machine busy with other tests can stall a step past a limit:
        // the verdict is then honestly INVALID. The summary line says which, whichever it is.
        var valid = root.GetProperty("valid").GetBoolean();
        run.Out.Should().Contain(valid ? "result     VALID" : "result     INVALID");
        run.ExitCode.Should().Be(valid ? ExitCodes.Ok : ExitCodes.Errors, "an INVALID run exits 1");
        run.Error.Should().Contain("progress:", "redirected output gets plain progress lines");
        Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order().Should().Equal(
            "report.html", "requests.csv", "result.json", "summary.txt", "tpot.png", "tpot.svg", "trace.json", "ttft.png", "ttft.svg");
        File.ReadAllLines(Path.Combine(temp.Path, "requests.csv")).Should().HaveCount(1 + 500, "a header and one row per request");
        run.Out.Should().Contain($"wrote {Path.Combine(temp.Path, "report.html")}");
    }

    [Fact]
    public void Run_of_a_simulated_sweep_writes_one_result_per_run_and_the_sweep_report()
    {
        using var temp = new TempDirectory();

        var run = CliRun.Of("run", CliRun.Example("sweep-rate.pipe"), "--out", temp.Path);

        // The sweep drives the deployment into overload on purpose: those runs are INVALID, so the command exits 1.
        run.ExitCode.Should().Be(ExitCodes.Errors, run.Error);
        var results = Directory.GetFiles(temp.Path, "result.json", SearchOption.AllDirectories);
        results.Length.Should().Be(18);
        // A sweep's cells run on the in-process silo by default: one line per cell as it finishes, with its verdict and reasons.
        run.Out.Should().StartWith("cluster local: 18 cells").And.Contain("[18/18] run ").And.Contain("    VALID  ").And.Contain("    INVALID")
            .And.Contain("invalid    p99 TTFT is");
        // The sweep's own report sits beside the cells' folders: one sweep.csv row per cell.
        File.ReadAllLines(Path.Combine(temp.Path, "sweep.csv")).Should().HaveCount(1 + results.Length);
        File.Exists(Path.Combine(temp.Path, "report.html")).Should().BeTrue();
    }

    [Fact]
    public void Run_finds_a_trace_named_relative_to_an_experiment_given_by_a_relative_path()
    {
        var file = Path.GetRelativePath(Environment.CurrentDirectory,
            Path.Combine(CliRun.RepositoryRoot, "features", "disaggregation", "colocated.pipe"));

        var run = CliRun.Of("run", file);

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        run.Out.Should().Contain("completed 100");
    }

    [Fact]
    public void Test_runs_a_users_feature_against_their_experiment_and_fails_when_a_step_fails()
    {
        using var temp = new TempDirectory();
        File.Copy(CliRun.Example("quickstart.pipe"), Path.Combine(temp.Path, "mine.pipe"));
        temp.Write("passing/mine.feature", """
            Feature: My experiment
              Scenario: it compiles
                Given the experiment "../mine.pipe"
                When it is compiled
                Then it compiles without errors
            """);
        temp.Write("failing/mine.feature", """
            Feature: My broken expectation
              Scenario: a diagnostic that is not there
                Given the experiment "../mine.pipe"
                When it is compiled
                Then there is an error PL0999 at line 1
            """);

        var passing = CliRun.Of("test", Path.Combine(temp.Path, "passing"));
        var failing = CliRun.Of("test", Path.Combine(temp.Path, "failing"));

        passing.ExitCode.Should().Be(ExitCodes.Ok, passing.Out + passing.Error);
        passing.Out.Should().Contain("1 passed, 0 failed");
        failing.ExitCode.Should().Be(ExitCodes.Errors);
        failing.Out.Should().Contain("0 passed, 1 failed").And.Contain("PL0999");
    }

    [Fact]
    public void Test_takes_a_tag_expression_starting_with_an_at_sign_not_a_response_file()
    {
        using var temp = new TempDirectory();
        File.Copy(CliRun.Example("quickstart.pipe"), Path.Combine(temp.Path, "mine.pipe"));
        temp.Write("features/mine.feature", """
            Feature: Tagged
              @batching
              Scenario: selected
                Given the experiment "../mine.pipe"
                When it is compiled
                Then it compiles without errors

              Scenario: not selected
                Given the experiment "../mine.pipe"
                When it is compiled
                Then there is an error PL0999 at line 1
            """);

        var run = CliRun.Of("test", Path.Combine(temp.Path, "features"), "--tags", "@batching");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Out + run.Error);
        run.Out.Should().Contain("1 passed, 0 failed");
    }
}
