using System.CommandLine;
using Pipeline.Compiler;

namespace Pipeline.Cli.Commands.Check;

/// <summary><c>pipeline check FILE...</c>: compiles experiment files and reports every diagnostic.</summary>
internal sealed class CheckCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Experiment files (.pipe) to check." };
        var command = new Command("check", "Check experiment files and report every diagnostic.") { files };
        command.SetAction(parse => Execute(parse.GetValue(files) ?? [], output));
        return command;
    }

    private static int Execute(string[] files, CliOutput output)
    {
        if (!InputFile.AllExist(files, output)) return ExitCodes.Usage;
        int errors = 0, warnings = 0;
        foreach (var file in files)
        {
            var result = ExperimentCompiler.CompileFile(file);
            errors += DiagnosticPrinter.Print(result.Diagnostics, output.Out);
            warnings += result.Diagnostics.Count(d => !d.IsError);
        }
        output.Out.WriteLine($"{files.Length} file(s) checked: {errors} error(s), {warnings} warning(s).");
        return errors > 0 ? ExitCodes.Errors : ExitCodes.Ok;
    }
}
