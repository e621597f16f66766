namespace Pipeline.Cli.Tests;

public sealed class PublishedFitOptionsTests
{
    // One H200 Offline row, as the curated table has it (no simulation runs in these tests: each is refused first).
    private const string Table =
        "round\tsubmitter\tsystem\taccelerator\taccelerators_per_node\tnodes\tscenario\ttokens_per_s\ttarget_qps\tprecision\ttp\tmax_batch\tsoftware\n" +
        "v4.1\tNVIDIA\tx [X; available]\tNVIDIA H200-SXM-141GB\t8\t1\tOffline\t31302.7\t104\tfp8\t1\t806\tTensorRT 10.2.0\n";

    [Theory]
    [InlineData("--fit", "gemm_efficiency,power")]
    [InlineData("--mean-tpot")]
    [InlineData("--prompt-mean", "2000")]
    public void Calibrate_refuses_an_unknown_parameter_a_mean_fit_without_means_and_an_impossible_prompt_mean(params string[] extra)
    {
        using var temp = new TempDirectory();
        var table = Path.Combine(temp.Path, "rows.tsv");
        File.WriteAllText(table, Table);

        var run = CliRun.Of(["calibrate", "--results", table, "--family", "nvidia-hopper", .. extra]);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("error:");
        run.Error.Should().NotContain("evaluation 1");
    }

    [Fact]
    public void Fidelity_names_a_missing_summaries_file()
    {
        using var temp = new TempDirectory();
        var table = Path.Combine(temp.Path, "rows.tsv");
        File.WriteAllText(table, Table);

        var run = CliRun.Of("fidelity", "--results", table, "--means", "no/such/summaries.tsv");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("no/such/summaries.tsv");
    }

    [Fact]
    public void Fidelity_with_a_cost_line_the_accelerator_does_not_know_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        var table = Path.Combine(temp.Path, "rows.tsv");
        File.WriteAllText(table, Table);

        var run = CliRun.Of("fidelity", "--results", table, "--cost", "warp_drive = 0.5");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("--cost");
    }
}
