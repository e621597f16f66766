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
    public void No_arguments_prints_help_listing_every_verb()
    {
        var run = CliRun.Of();

        run.ExitCode.Should().Be(ExitCodes.Ok);
        foreach (var verb in new[] { "check", "plan", "fmt", "run", "generate", "bench", "test" })
        {
            run.Out.Should().Contain(verb);
        }
    }
}
