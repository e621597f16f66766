namespace Pipeline.Cli.Tests;

public sealed class LocalCalibrationVerbTests
{
    [Fact]
    public void Calibrate_local_with_a_write_path_in_a_missing_directory_is_a_usage_error_before_any_measurement()
    {
        var run = CliRun.Of("calibrate", "--local", "--write", "no/such/dir/cal.pipe");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("--write needs a file path");
        run.Out.Should().NotContain("device:");
    }

    [Fact]
    public void Calibrate_local_with_a_directory_as_write_path_is_a_usage_error()
    {
        using var temp = new TempDirectory();

        var run = CliRun.Of("calibrate", "--local", "--write", temp.Path);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Out.Should().BeEmpty();
    }

    [Theory]
    [InlineData("calibrate", "--local", "--backend", "tpu")]
    [InlineData("calibrate", "--local", "--models", "huge")]
    [InlineData("calibrate", "--local", "--results", "x.tsv")]
    [InlineData("calibrate", "--local", "--release", "TensorRT 9.3")]
    [InlineData("calibrate")]
    [InlineData("fidelity")]
    [InlineData("fidelity", "x.pipe", "--results", "x.tsv")]
    [InlineData("fidelity", "x.pipe", "--import", "cal.pipe", "--calibrate-local", "tiny")]
    [InlineData("fidelity", "x.pipe", "--calibrate-local", "huge")]
    [InlineData("fidelity", "x.pipe", "--calibrate-local", "tiny", "--backend", "tpu")]
    public void Conflicting_or_missing_calibration_options_are_usage_errors(params string[] args)
    {
        var run = CliRun.Of(args);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("error:");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    public void Fidelity_rounds_outside_one_to_a_hundred_are_a_usage_error_before_anything_runs(string rounds)
    {
        var run = CliRun.Of("fidelity", CliRun.Example("quickstart.pipe"), "--rounds", rounds);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("--rounds must be in [1, 100]");
    }

    [Fact]
    public void Fidelity_on_a_missing_experiment_or_calibration_file_names_it()
    {
        var run = CliRun.Of("fidelity", CliRun.Example("quickstart.pipe"), "--import", "no/such/cal.pipe");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("file not found: no/such/cal.pipe");
    }

    [Fact]
    public void Fidelity_runs_an_execute_example_in_both_modes_and_prints_the_five_metrics()
    {
        // Structure only: the values are wall-clock measurements.
        var run = CliRun.Of("fidelity", CliRun.Example("quickstart.pipe"));

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        run.Out.Should().Contain("metric | measured | simulated | diff %");
        foreach (var metric in new[] { "mean TTFT", "p99 TTFT", "mean TPOT", "p99 TPOT", "output tok/s" })
        {
            run.Out.Should().Contain(metric + " | ");
        }
    }

    [Fact]
    public void Fidelity_over_several_rounds_compares_the_median_and_shows_the_range()
    {
        // Structure only: the values are wall-clock measurements.
        var run = CliRun.Of("fidelity", CliRun.Example("quickstart.pipe"), "--rounds", "2");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        run.Out.Should().Contain("metric | measured (median) | measured range | simulated | diff % | within range");
        run.Out.Split('\n').Where(l => l.StartsWith("mean TPOT | ", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().MatchRegex(@"^mean TPOT \| [0-9.]+ ms \| [0-9.]+ ms \.\. [0-9.]+ ms \| [0-9.]+ ms \| [+-][0-9.]+% \| (yes|no)$");
    }

    [Fact]
    public void Fidelity_refuses_a_simulate_experiment()
    {
        var run = CliRun.Of("fidelity", CliRun.Example("mlperf-llama-2-70b-server.pipe"));

        run.ExitCode.Should().Be(ExitCodes.Errors);
        run.Error.Should().Contain("not an execute experiment");
    }

    [Fact]
    public void Fidelity_with_a_calibration_per_round_prints_each_rounds_fit_and_the_paired_table()
    {
        // Structure only: the values are wall-clock measurements.
        var run = CliRun.Of("fidelity", CliRun.Example("quickstart.pipe"), "--calibrate-local", "smoke", "--backend", "cpu", "--rounds", "2");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        run.Out.Should().Contain("round 1: calibrated").And.Contain("round 2: calibrated").And.Contain("step_overhead = ");
        run.Out.Should().Contain("metric | measured (median) | simulated (median) | diff % (median of rounds) | diff range | rounds within 10%");
        run.Out.Split('\n').Where(l => l.StartsWith("mean TPOT | ", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().MatchRegex(@"^mean TPOT \| [0-9.]+ ms \| [0-9.]+ ms \| [+-][0-9.]+% \| [+-][0-9.]+% \.\. [+-][0-9.]+% \| [0-2]/2$");
    }

    [Fact]
    public void Fidelity_can_calibrate_on_the_experiments_own_shapes()
    {
        // Structure only: the values are wall-clock measurements (how well they agree is in benchmarks/README.md).
        var run = CliRun.Of("fidelity", CliRun.Example("quickstart.pipe"), "--calibrate-local", "workload", "--backend", "cpu", "--rounds", "1");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        run.Out.Should().Contain("round 1: calibrated").And.Contain("metric | measured (median) | simulated (median)");
    }

    [Fact]
    public void Fidelity_prints_each_rounds_calibration_table_when_asked()
    {
        // Structure only: the values are wall-clock measurements.
        var run = CliRun.Of("fidelity", CliRun.Example("quickstart.pipe"), "--calibrate-local", "smoke", "--backend", "cpu", "--rounds", "2", "--calibration-tables");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        run.Out.Split('\n').Count(l => l == "shape | measured us | predicted us | error").Should().Be(2, "one table per round");
        run.Out.Should().MatchRegex(@"\ntiny decode b1 ctx64 \| [0-9.]+ \| [0-9.]+ \| [+-][0-9.]+%\n");
    }

    [Fact]
    public void Fidelity_refuses_calibration_tables_with_a_calibration_made_earlier()
    {
        var run = CliRun.Of("fidelity", CliRun.Example("quickstart.pipe"), "--import", "cal.pipe", "--calibration-tables");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("--calibration-tables prints the calibrations of --calibrate-local");
    }

    [Fact]
    public void Fidelity_refuses_calibration_tables_against_published_results()
    {
        var run = CliRun.Of("fidelity", "--results", "x.tsv", "--calibration-tables");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("--calibration-tables prints the calibrations of --calibrate-local");
    }

    [Fact]
    public void Fidelity_names_the_shape_sets_it_knows()
    {
        var run = CliRun.Of("fidelity", CliRun.Example("quickstart.pipe"), "--calibrate-local", "huge");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("unknown --calibrate-local 'huge' (workload, tiny, all, smoke)");
    }

    [Pipeline.Engine.Tests.NoGpuFact]
    public void Fidelity_calibrating_on_a_backend_this_machine_lacks_says_so_before_any_file_runs()
    {
        var run = CliRun.Of("fidelity", CliRun.Example("quickstart.pipe"), "--calibrate-local", "smoke", "--backend", "cuda");

        run.ExitCode.Should().Be(ExitCodes.Errors);
        run.Error.Should().Contain("cannot start the cuda backend").And.NotContain("internal error");
        run.Out.Should().BeEmpty();
    }
}
