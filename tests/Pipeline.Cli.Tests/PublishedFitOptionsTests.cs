namespace Pipeline.Cli.Tests;

public sealed class PublishedFitOptionsTests
{
    // One H200 Offline row, as the curated table has it (no simulation runs in these tests: each is refused first).
    private const string Table =
        "round\tsubmitter\tsystem\taccelerator\taccelerators_per_node\tnodes\tscenario\ttokens_per_s\ttarget_qps\tprecision\ttp\tmax_batch\tsoftware\n" +
        "v4.1\tNVIDIA\tx [X; available]\tNVIDIA H200-SXM-141GB\t8\t1\tOffline\t31302.7\t104\tfp8\t1\t806\tTensorRT 10.2.0\n";

    /// <summary>Writes <paramref name="text"/> as the results table in <paramref name="temp"/>; its path.</summary>
    private static string Rows(TempDirectory temp, string text = Table)
    {
        var table = Path.Combine(temp.Path, "rows.tsv");
        File.WriteAllText(table, text);
        return table;
    }

    [Theory]
    [InlineData("--fit", "gemm_efficiency,power")]
    [InlineData("--mean-tpot")]
    [InlineData("--held-batch-tpot")]
    [InlineData("--prompt-mean", "2000")]
    public void Calibrate_refuses_an_unknown_parameter_a_mean_fit_without_means_and_an_impossible_prompt_mean(params string[] extra)
    {
        using var temp = new TempDirectory();
        var table = Rows(temp);

        var run = CliRun.Of(["calibrate", "--results", table, "--family", "nvidia-hopper", .. extra]);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("error:");
        run.Error.Should().NotContain("evaluation 1");
    }

    [Theory]
    [InlineData("--release", "TensorRT 8.0")]
    [InlineData("--release", "TensorRT 9.3", "--family", "nvidia-hopper")]
    [InlineData("--release", "TensorRT 9.3", "--fit", "gemm_efficiency")]
    [InlineData("--release", "TensorRT 9.3", "--mean-tpot")]
    [InlineData("--release", "TensorRT 9.3", "--held-batch-tpot")]
    public void Calibrate_release_refuses_an_undeclared_release_and_family_options(params string[] extra)
    {
        using var temp = new TempDirectory();
        var table = Rows(temp);

        var run = CliRun.Of(["calibrate", "--results", table, .. extra]);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("error:");
        run.Error.Should().NotContain("evaluation 1");
    }

    [Fact]
    public void Calibrate_release_says_when_no_vendor_offline_row_ran_the_release()
    {
        using var temp = new TempDirectory();
        // The only row ran TensorRT 10.2: nothing to fit the 9.3 factor on.
        var table = Rows(temp);

        var run = CliRun.Of("calibrate", "--results", table, "--release", "TensorRT 9.3");

        run.ExitCode.Should().Be(ExitCodes.Errors);
        run.Error.Should().Contain("no NVIDIA or AMD Offline row").And.Contain("TensorRT 9.3");
    }

    [Fact]
    public void Fidelity_refuses_a_negative_seed_before_simulating()
    {
        using var temp = new TempDirectory();
        var table = Rows(temp);

        var run = CliRun.Of("fidelity", "--results", table, "--seed", "-1");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("--seed");
        run.Out.Should().NotContain("tok/s published");
    }

    [Fact]
    public void Fidelity_refuses_a_server_run_without_time_and_says_how_long_runs_last()
    {
        using var temp = new TempDirectory();
        // A row the catalogue lacks: nothing is simulated, the header still says how long a Server run would be.
        var table = Rows(temp, Table.Replace("NVIDIA H200-SXM-141GB", "Intel Gaudi 2", StringComparison.Ordinal));

        var refused = CliRun.Of("fidelity", "--results", table, "--server-seconds", "0");
        var published = CliRun.Of("fidelity", "--results", table);
        var shorter = CliRun.Of("fidelity", "--results", table, "--server-seconds", "120");

        refused.ExitCode.Should().Be(ExitCodes.Usage);
        refused.Error.Should().Contain("--server-seconds");
        refused.Out.Should().NotContain("tok/s published");
        published.Out.Should().Contain("server runs: as long as each row's published run");
        published.Out.Should().Contain("offline runs: LoadGen's samples_per_query, the expected rate x each row's published min_duration");
        shorter.Out.Should().Contain("offline runs: LoadGen's samples_per_query");
        shorter.Out.Should().Contain("server runs: 120 s of arrivals each (not the published durations)");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10.5")]
    [InlineData("-3")]
    public void Fidelity_refuses_a_cost_band_outside_its_range_before_simulating(string percent)
    {
        using var temp = new TempDirectory();
        var table = Rows(temp);

        var run = CliRun.Of("fidelity", "--results", table, "--cost-band", percent);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("--cost-band");
        run.Out.Should().NotContain("tok/s published");
    }

    [Fact]
    public void Fidelity_with_a_cost_band_prints_the_band_table_after_the_comparison()
    {
        using var temp = new TempDirectory();
        // A Server row the catalogue lacks: nothing is simulated, so the band table lists it as skipped.
        var server = Table.Replace("NVIDIA H200-SXM-141GB", "Intel Gaudi 2", StringComparison.Ordinal).Replace("\tOffline\t", "\tServer\t", StringComparison.Ordinal);
        var table = Rows(temp, server);

        var run = CliRun.Of("fidelity", "--results", table, "--cost-band", "3");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        run.Out.Should().Contain("the fitted device efficiencies 3% lower (a dearer step) and higher (a cheaper one)")
            .And.Contain("efficiencies -3% | calibrated | efficiencies +3%")
            .And.Contain("skipped: the catalogue has no accelerator");
    }

    [Fact]
    public void Fidelity_writes_each_simulated_rows_experiment_which_check_accepts()
    {
        using var temp = new TempDirectory();
        // The H200 Server row for 5 s of arrivals (about 500 queries), and a row the catalogue lacks (no file).
        var table = Rows(temp, Table.Replace("\tOffline\t31302.7\t104\t", "\tServer\t29228.2\t101\t", StringComparison.Ordinal)
            + "v4.1\tIntel\ty [Y; available]\tIntel Gaudi 2\t8\t1\tOffline\t8000\t30\tfp8\t1\t256\tSynapse\n");
        var folder = Path.Combine(temp.Path, "rows");

        var run = CliRun.Of("fidelity", "--results", table, "--server-seconds", "5", "--experiments", folder);

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Error);
        run.Out.Should().Contain($"experiments: 1 row files in {folder}");
        var file = Path.Combine(folder, "line-02-server.pipe");
        Directory.GetFiles(folder).Should().Equal(file);
        File.ReadAllText(file).Should().Contain("dispatch = shared_queue").And.Contain("scenario = server").And.Contain("poisson(rate: 101 req/s)");
        CliRun.Of("check", file).ExitCode.Should().Be(ExitCodes.Ok);
    }

    [Fact]
    public void Fidelity_refuses_an_experiments_folder_that_is_a_file_before_simulating()
    {
        using var temp = new TempDirectory();
        var table = Rows(temp);

        var run = CliRun.Of("fidelity", "--results", table, "--experiments", table);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("--experiments").And.Contain("is a file");
        run.Out.Should().NotContain("tok/s published");
    }

    [Fact]
    public void Fidelity_names_a_missing_summaries_file()
    {
        using var temp = new TempDirectory();
        var table = Rows(temp);

        var run = CliRun.Of("fidelity", "--results", table, "--means", "no/such/summaries.tsv");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("no/such/summaries.tsv");
    }

    [Fact]
    public void Fidelity_with_a_cost_line_the_accelerator_does_not_know_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        var table = Rows(temp);

        var run = CliRun.Of("fidelity", "--results", table, "--cost", "warp_drive = 0.5");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("--cost");
    }

    [Fact]
    public void Fidelity_with_matched_rate_adds_the_server_rate_table_and_says_why_a_row_has_no_rate()
    {
        using var temp = new TempDirectory();
        // A Server row of an accelerator the catalogue lacks: both tables say so, and nothing is simulated.
        var table = Rows(temp, "round\tsubmitter\tsystem\taccelerator\taccelerators_per_node\tnodes\tscenario\ttokens_per_s\tttft_p99_ms\ttpot_p99_ms\ttarget_qps\tprecision\ttp\tmax_batch\tsoftware\n" +
            "v4.0\tIntel\ty [Y; available]\tIntel Gaudi 2\t8\t1\tServer\t6200\t700\t131\t21.9\tfp8\t1\t512\tSynapseAI\n");

        var plain = CliRun.Of("fidelity", "--results", table);
        var matched = CliRun.Of("fidelity", "--results", table, "--matched-rate");

        (plain.ExitCode, matched.ExitCode).Should().Be((ExitCodes.Ok, ExitCodes.Ok));
        plain.Out.Should().NotContain("simulated peak qps");
        matched.Out.Should().Contain("simulated peak qps (p99 TPOT <= published, p99 TTFT <= 2 s)")
            .And.Contain("| 21.9 | 131 ms | none: the catalogue has no accelerator for 'Intel Gaudi 2'");
    }

    [Fact]
    public void Fidelity_at_the_published_batch_adds_its_table_and_says_why_a_row_has_none()
    {
        using var temp = new TempDirectory();
        var table = Rows(temp, "round\tsubmitter\tsystem\taccelerator\taccelerators_per_node\tnodes\tscenario\ttokens_per_s\tttft_p99_ms\ttpot_p99_ms\ttarget_qps\tprecision\ttp\tmax_batch\tsoftware\n" +
            "v4.0\tIntel\ty [Y; available]\tIntel Gaudi 2\t8\t1\tServer\t6200\t700\t131\t21.9\tfp8\t1\t512\tSynapseAI\n");

        var run = CliRun.Of("fidelity", "--results", table, "--at-published-batch");

        run.ExitCode.Should().Be(ExitCodes.Ok);
        run.Out.Should().Contain("in flight per replica published | held batch | mean TPOT published | simulated at the held batch | error")
            .And.Contain("| - | - | - | skipped: the catalogue has no accelerator for 'Intel Gaudi 2'")
            .And.Contain("without --means every row is skipped");
        CliRun.Of("fidelity", "--results", table).Out.Should().NotContain("held batch");
    }
}
