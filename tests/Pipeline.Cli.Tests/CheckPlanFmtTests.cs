using System.Text.Json;

namespace Pipeline.Cli.Tests;

public sealed class CheckPlanFmtTests
{
    private const string Broken = """
        experiment broken {
          model tiny {
            layers = 2  hidden = 64  heads = 5  kv_heads = 1  ffn = 128  vocab = 256  context = 128 tok
            weights = random(seed: 1)
          }
          batching { policy = continuous  max_btch = 8 }
        }
        """;

    [Fact]
    public void Check_accepts_every_example()
    {
        var examples = Directory.GetFiles(Path.Combine(CliRun.RepositoryRoot, "examples"), "*.pipe", SearchOption.TopDirectoryOnly);

        var run = CliRun.Of(["check", .. examples]);

        run.ExitCode.Should().Be(ExitCodes.Ok, run.Out);
        run.Out.Should().Contain($"{examples.Length} file(s) checked: 0 error(s)");
    }

    [Fact]
    public void Check_reports_every_error_located_with_source_line_caret_and_hint()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("broken.pipe", Broken);

        var run = CliRun.Of("check", file);

        run.ExitCode.Should().Be(ExitCodes.Errors);
        run.Out.Should().MatchRegex(@"broken\.pipe:3:\d+: error PL\d{4}: .*heads");
        run.Out.Should().MatchRegex(@"broken\.pipe:6:\d+: error PL\d{4}: .*max_btch");
        run.Out.Should().Contain("^").And.Contain("hint:").And.Contain("max_batch");
    }

    [Fact]
    public void Plan_prints_text_and_canonical_json()
    {
        var text = CliRun.Of("plan", CliRun.Example("quickstart.pipe"));
        var json = CliRun.Of("plan", CliRun.Example("quickstart.pipe"), "--json");

        text.ExitCode.Should().Be(ExitCodes.Ok, text.Error);
        text.Out.Should().Contain("prefill").And.Contain("decode");
        json.ExitCode.Should().Be(ExitCodes.Ok, json.Error);
        using var document = JsonDocument.Parse(json.Out);
        document.RootElement.ValueKind.Should().Be(JsonValueKind.Object);
        CliRun.Of("plan", CliRun.Example("quickstart.pipe"), "--json").Out.Should().Be(json.Out, "plans are deterministic");
    }

    [Fact]
    public void Plan_of_a_broken_file_prints_diagnostics_and_no_plan()
    {
        using var temp = new TempDirectory();

        var run = CliRun.Of("plan", temp.Write("broken.pipe", Broken));

        run.ExitCode.Should().Be(ExitCodes.Errors);
        run.Out.Should().BeEmpty();
        run.Error.Should().Contain("error PL");
    }

    [Fact]
    public void Fmt_is_idempotent_and_write_and_check_agree()
    {
        using var temp = new TempDirectory();
        var messy = File.ReadAllText(CliRun.Example("quickstart.pipe")).Replace("\n", "\n\n   ");
        var file = temp.Write("messy.pipe", messy);

        var printed = CliRun.Of("fmt", file);
        CliRun.Of("fmt", file, "--check").ExitCode.Should().Be(ExitCodes.Errors);
        CliRun.Of("fmt", file, "--write").ExitCode.Should().Be(ExitCodes.Ok);

        printed.ExitCode.Should().Be(ExitCodes.Ok, printed.Error);
        File.ReadAllText(file).Should().Be(printed.Out);
        CliRun.Of("fmt", file, "--check").ExitCode.Should().Be(ExitCodes.Ok);
        CliRun.Of("fmt", file).Out.Should().Be(printed.Out);
    }
}
