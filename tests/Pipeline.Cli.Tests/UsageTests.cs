namespace Pipeline.Cli.Tests;

public sealed class UsageTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("check")]
    [InlineData("plan", "--no-such-option", "x.pipe")]
    [InlineData("generate", "--max-tokens", "many")]
    public void A_malformed_command_line_is_a_usage_error(params string[] args)
    {
        var run = CliRun.Of(args);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("error:").And.Contain("pipeline --help");
    }

    [Theory]
    [InlineData("--rounds", "3")] // execute comparisons only
    [InlineData("--import", "x.pipe")]
    [InlineData("--backend", "cpu")]
    public void An_option_of_the_execute_comparison_given_to_results_is_a_usage_error_not_ignored(string option, string value)
    {
        var run = CliRun.Of("fidelity", "--results", Path.Combine(CliRun.RepositoryRoot, "benchmarks", "mlperf-b200-assumed.tsv"), option, value);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain($"{option} applies to experiment files");
    }

    [Theory]
    [InlineData("--matched-rate")] // results only
    [InlineData("--server-seconds", "5")]
    [InlineData("--cost-band", "3")]
    [InlineData("--means", "x.tsv")]
    public void An_option_of_the_results_comparison_given_to_experiment_files_is_a_usage_error_not_ignored(params string[] option)
    {
        var run = CliRun.Of(["fidelity", CliRun.Example("quickstart.pipe"), .. option]);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain($"{option[0]} applies to --results");
    }

    [Fact]
    public void A_dataset_that_is_not_utf8_is_an_error_naming_the_line_not_a_silent_replacement()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(Path.Combine(temp.Path, "latin1.jsonl"), [.. "{\"prompt\": \"ok\"}\n{\"prompt\": \"caf"u8, 0xE9, .. "\"}\n"u8]);
        var experiment = temp.Write("e.pipe", """
            experiment t {
              model tiny { layers = 2  hidden = 64  heads = 4  kv_heads = 2  ffn = 172  vocab = 256  context = 512 tok  dtype = f32 }
              workload { prompt = dataset("latin1.jsonl") }
            }
            """);

        var run = CliRun.Of("check", experiment);

        run.ExitCode.Should().Be(ExitCodes.Errors);
        (run.Out + run.Error).Should().Contain("PL0415").And.Contain("is not UTF-8 text: line 2 holds byte 0xE9");
    }

    [Theory]
    [InlineData("--local", "--fit", "gemm_efficiency")] // measured, not fitted: was accepted and ignored
    [InlineData("--local", "--parallel", "0")]
    [InlineData("--local", "--mean-tpot")]
    [InlineData("--results", "x.tsv", "--family", "nvidia-hopper", "--models", "tiny")]
    public void Calibrate_refuses_an_option_of_the_other_kind_of_calibration_before_any_work(params string[] args)
    {
        var run = CliRun.Of(["calibrate", .. args]);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().MatchRegex("appl(y|ies) to");
    }

    [Fact]
    public void Test_given_an_experiment_file_says_it_is_not_a_feature()
    {
        var run = CliRun.Of("test", CliRun.Example("quickstart.pipe"));

        run.ExitCode.Should().NotBe(ExitCodes.Ok);
        (run.Out + run.Error).Should().Contain("is not a .feature file");
    }

    [Fact]
    public void An_out_folder_holding_an_earlier_sweep_is_named_in_a_warning()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(temp.Path, "run-0"));
        Directory.CreateDirectory(Path.Combine(temp.Path, "run-1"));
        temp.Write("sweep.csv", "cell\n");

        var run = CliRun.Of("run", CliRun.Example("quickstart.pipe"), "--out", temp.Path);

        run.Error.Should().Contain("already holds 2 sweep cell folder(s) (run-N/) and sweep.csv from an earlier run");
        File.Exists(Path.Combine(temp.Path, "result.json")).Should().BeTrue("the warning does not stop the run");
    }

    [Theory]
    [InlineData("1e308s")] // was searched and printed as Infinity
    [InlineData("0.0001ms")]
    public void Scenarios_refuses_a_tpot_limit_no_server_is_held_to(string limit)
    {
        var run = CliRun.Of("scenarios", CliRun.Example("quickstart.pipe"), "--tpot-limits", limit);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("from 1 us to 1 h");
    }

    [Fact]
    public void Scenarios_with_tpot_limits_and_no_curve_is_a_usage_error()
    {
        var run = CliRun.Of("scenarios", CliRun.Example("quickstart.pipe"), "--no-curve", "--tpot-limits", "5ms");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("--no-curve skips the curve");
    }

    [Theory]
    [InlineData("check")]
    [InlineData("plan")]
    [InlineData("fmt")]
    [InlineData("run")]
    public void A_missing_input_file_is_a_usage_error_naming_the_file(string verb)
    {
        var run = CliRun.Of(verb, "no/such/file.pipe");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("file not found: no/such/file.pipe");
    }

    [Fact]
    public void No_arguments_prints_help_listing_every_verb_and_is_a_usage_error()
    {
        var run = CliRun.Of();

        run.ExitCode.Should().Be(ExitCodes.Usage);
        foreach (var verb in new[] { "check", "plan", "fmt", "run", "generate", "bench", "test" })
        {
            run.Out.Should().Contain(verb);
        }
    }

    [Fact]
    public void Fmt_with_both_write_and_check_is_a_usage_error()
    {
        var run = CliRun.Of("fmt", CliRun.Example("quickstart.pipe"), "--write", "--check");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("--write and --check cannot be combined");
    }

    [Theory]
    [InlineData("-2")]
    [InlineData("seven")]
    [InlineData("99999999999")]
    [InlineData("1.5")]
    [InlineData("+3")]
    public void A_seed_that_is_not_a_whole_number_from_0_is_a_usage_error_in_words_before_any_work(string seed)
    {
        // Every command that takes a seed reads it alike; capacity's file is a plain run (it would be refused for
        // having no capacity block, exit 2 too, if the seed were read late: the message tells them apart).
        foreach (var command in new[] { "run", "capacity", "scenarios" })
        {
            var run = CliRun.Of(command, CliRun.Example("quickstart.pipe"), "--seed", seed);

            run.ExitCode.Should().Be(ExitCodes.Usage, command);
            run.Error.Trim().Should().Be($"error: --seed '{seed}' is not a whole number from 0 to 2147483647", command);
            run.Out.Should().BeEmpty(command + ": nothing ran");
        }
    }

    [Fact]
    public void An_out_folder_that_is_a_file_or_empty_is_a_usage_error_before_anything_runs()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "taken");
        File.WriteAllText(file, "x");

        var isFile = CliRun.Of("run", CliRun.Example("quickstart.pipe"), "--out", file);
        var empty = CliRun.Of("run", CliRun.Example("quickstart.pipe"), "--out", "");

        (isFile.ExitCode, empty.ExitCode).Should().Be((ExitCodes.Usage, ExitCodes.Usage));
        isFile.Error.Should().Contain("is a file; give a folder");
        empty.Error.Should().Contain("--out needs a folder path");
        (isFile.Out + empty.Out).Should().NotContain("TTFT", "nothing ran");
    }

    [Fact]
    public void A_fifo_or_device_given_as_the_input_file_is_a_usage_error_and_is_never_read()
    {
        if (!OperatingSystem.IsLinux()) return; // FIFOs and /dev/zero are Linux's here
        using var temp = new TempDirectory();
        var fifo = Path.Combine(temp.Path, "exp.pipe");
        System.Diagnostics.Process.Start("mkfifo", fifo)!.WaitForExit();

        var pipe = CliRun.Of("check", fifo);
        var zero = CliRun.Of("check", "/dev/zero");

        (pipe.ExitCode, zero.ExitCode).Should().Be((ExitCodes.Usage, ExitCodes.Usage));
        pipe.Error.Should().Contain("named pipe (FIFO), not a regular file");
        zero.Error.Should().Contain("character device, not a regular file");
    }

    [Fact]
    public void A_file_of_declarations_only_can_be_checked_on_its_own()
    {
        var shared = CliRun.Of("check", CliRun.Example("shared/hardware.pipe"));

        shared.ExitCode.Should().Be(ExitCodes.Ok, shared.Out);
        shared.Out.Should().Contain("declarations only").And.Contain("0 error(s)");
    }

    [Fact]
    public void A_file_with_neither_an_experiment_nor_declarations_still_reports_that_it_has_no_experiment()
    {
        using var temp = new TempDirectory();
        temp.Write("empty.pipe", "// nothing here\n");

        var run = CliRun.Of("check", Path.Combine(temp.Path, "empty.pipe"));

        run.ExitCode.Should().Be(ExitCodes.Errors);
        run.Out.Should().Contain("PL0109");
    }

    [Theory]
    [InlineData("engine", "--threads", "0")]
    [InlineData("engine", "--iterations", "0")]
    [InlineData("engine", "--prompt", "0")]
    [InlineData("cpu", "--threads", "0")]
    [InlineData("cpu", "--iterations", "0")]
    public void A_bench_count_below_1_is_a_usage_error_not_an_internal_error(string kind, string option, string value)
    {
        var run = CliRun.Of("bench", kind, option, value, "--no-llama");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain($"{option} must be at least 1").And.NotContain("internal error");
    }

    [Theory]
    [InlineData("q3_k")]
    [InlineData("4")] // an enum's number is not a format name
    public void An_unknown_bench_weight_format_is_a_usage_error_listing_the_known_ones(string format)
    {
        var run = CliRun.Of("bench", "cpu", "--formats", $"f32,{format}", "--no-llama");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain($"unknown weight format '{format}' (f32, f16, q8_0, q4_0, q4_k_m, q5_k_m, q6_k)");
    }

    [Fact]
    public void A_bench_gguf_that_is_not_gguf_is_a_usage_error_before_anything_runs()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("random.gguf", "this is not a model at all");

        var run = CliRun.Of("bench", "engine", "--gguf", path, "--no-llama");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("is not a GGUF file").And.NotContain("internal error");
        run.Out.Should().BeEmpty("nothing was measured");
    }

    [Fact]
    public void Dump_logits_into_a_directory_is_a_usage_error_before_generating()
    {
        using var temp = new TempDirectory();

        var run = CliRun.Of("generate", "--experiment", CliRun.Example("quickstart.pipe"), "--prompt-tokens", "1,2", "--max-tokens", "2",
            "--dump-logits", temp.Path);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("is a directory; give a file path").And.NotContain("internal error");
    }
}

