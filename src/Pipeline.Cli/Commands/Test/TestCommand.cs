using System.CommandLine;
using Pipeline.Acceptance;

namespace Pipeline.Cli.Commands.Test;

/// <summary>
/// <c>pipeline test DIR [--tags EXPR]</c>: runs a user's <c>.feature</c> files against their experiment files with
/// Pipeline's step library, without writing any C#.
/// </summary>
internal sealed class TestCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var path = new Argument<string>("path") { Description = "A directory of .feature files (searched recursively) or one .feature file." };
        var tags = new Option<string?>("--tags") { Description = "Tag expression selecting scenarios, e.g. \"not @slow\" or \"@batching and not @execute\"." };
        var command = new Command("test", "Run Gherkin acceptance features with the Pipeline step library.") { path, tags };
        command.SetAction(parse => Execute(parse.GetValue(path)!, parse.GetValue(tags), output));
        return command;
    }

    private static int Execute(string path, string? tags, CliOutput output)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            output.Error.WriteLine($"error: no such file or directory: {path}");
            return ExitCodes.Usage;
        }
        var summary = FeatureRunner.Run(path, output.Out, tags);
        if (summary.Results.Count == 0 && summary.Errors.Count == 0)
        {
            output.Error.WriteLine($"error: no scenarios found under {path}" + (tags is null ? "" : $" matching '{tags}'"));
            return ExitCodes.Errors;
        }
        return summary.Success ? ExitCodes.Ok : ExitCodes.Errors;
    }
}
