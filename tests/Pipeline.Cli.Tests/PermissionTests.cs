using Pipeline.Core.Tests.IO;

namespace Pipeline.Cli.Tests;

/// <summary>
/// Files the user cannot read or folders they cannot write are usage errors or located diagnostics before any work,
/// never an "internal error" after it. The CLI runs where a file's mode is obeyed (<see cref="PermissionsEnforced"/>),
/// since CI runs as root.
/// </summary>
public sealed class PermissionTests
{
    private const string TraceExperiment =
        "experiment t {\n" +
        "  model tiny { layers = 2  hidden = 64  heads = 4  kv_heads = 2  ffn = 172  vocab = 256  context = 512 tok  dtype = f32 }\n" +
        "  workload { arrivals = trace(\"t.csv\") }\n" +
        "}\n";

    [Fact]
    public void An_experiment_file_its_mode_forbids_reading_is_a_usage_error_naming_permissions()
    {
        if (!OperatingSystem.IsLinux()) return; // mode bits and per-thread capabilities are Linux's here
        using var temp = new TempDirectory();
        var file = temp.Write("exp.pipe", File.ReadAllText(CliRun.Example("quickstart.pipe")));
        PermissionsEnforced.DenyAll(file);

        var (check, run) = PermissionsEnforced.Run(() => (CliRun.Of("check", file), CliRun.Of("run", file)));

        (check.ExitCode, run.ExitCode).Should().Be((ExitCodes.Usage, ExitCodes.Usage));
        foreach (var refused in new[] { check, run })
        {
            refused.Error.Should().Contain($"\"{file}\" cannot be read").And.Contain("check the file's permissions").And.NotContain("internal error");
        }
        run.Out.Should().NotContain("TTFT", "nothing ran");
    }

    [Fact]
    public void A_trace_its_mode_forbids_reading_is_a_diagnostic_located_at_the_trace_call()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var temp = new TempDirectory();
        var file = temp.Write("exp.pipe", TraceExperiment);
        PermissionsEnforced.DenyAll(temp.Write("t.csv", "arrival_time,prompt_tokens,output_tokens\n0,16,8\n"));

        var check = PermissionsEnforced.Run(() => CliRun.Of("check", file));

        check.ExitCode.Should().Be(ExitCodes.Errors);
        check.Out.Should().Contain("exp.pipe:3:25").And.Contain("t.csv\" cannot be read").And.NotContain("internal error");
    }

    [Fact]
    public void An_out_folder_its_mode_forbids_writing_is_a_usage_error_before_anything_runs()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var temp = new TempDirectory();
        var denied = Path.Combine(temp.Path, "results");
        Directory.CreateDirectory(denied);
        PermissionsEnforced.DenyAll(denied);

        var run = PermissionsEnforced.Run(() => CliRun.Of("run", CliRun.Example("quickstart.pipe"), "--out", denied));

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain($"--out '{denied}' cannot be written").And.NotContain("internal error");
        run.Out.Should().NotContain("TTFT", "nothing ran");
    }

    [Fact]
    public void Dump_logits_into_a_folder_its_mode_forbids_writing_is_a_usage_error_before_generating()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var temp = new TempDirectory();
        var denied = Path.Combine(temp.Path, "dumps");
        Directory.CreateDirectory(denied);
        PermissionsEnforced.DenyAll(denied);

        var run = PermissionsEnforced.Run(() => CliRun.Of("generate", "--experiment", CliRun.Example("quickstart.pipe"), "--prompt-tokens", "1,2",
            "--max-tokens", "2", "--dump-logits", Path.Combine(denied, "logits.bin")));

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("cannot be written").And.NotContain("internal error");
        run.Out.Should().BeEmpty("nothing was generated");
    }
}
