using System.CommandLine;
using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Language.Parsing;

namespace Pipeline.Cli.Commands.Check;

/// <summary>
/// <c>pipeline check FILE...</c>: compiles experiment files and reports every diagnostic. A file of shared declarations
/// (models, accelerators, no experiment) is checkable on its own.
/// </summary>
internal sealed class CheckCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Experiment files (.pipe) to check." };
        var command = new Command("check", "Check experiment files and report every diagnostic.") { files };
        command.SetAction(parse => Execute(parse.GetValue(files) ?? [], output));
        return command;
    }

    private const string NoExperiment = "PL0109";

    private static bool DeclarationsOnly(string file, IReadOnlyList<Core.Diagnostics.Diagnostic> diagnostics) =>
        diagnostics.Any(d => d.Code == NoExperiment)
        && ExperimentParser.Parse(SourceText.FromFile(file)).Document.Blocks.Any(b => b.Keyword.Text is "model" or "accelerator");

    private static int Execute(string[] files, CliOutput output)
    {
        if (!InputFile.AllExist(files, output)) return ExitCodes.Usage;
        int errors = 0, warnings = 0;
        foreach (var file in files)
        {
            var diagnostics = ExperimentCompiler.CompileFile(file).Diagnostics;
            if (DeclarationsOnly(file, diagnostics))
            {
                // A file of shared declarations (imported by experiments) is checked for syntax, imports and duplicates;
                // its declarations are bound where an experiment uses them.
                diagnostics = diagnostics.Where(d => d.Code != NoExperiment).ToArray();
                output.Out.WriteLine($"{file}: declarations only (no experiment)");
            }
            errors += DiagnosticPrinter.Print(diagnostics, output.Out);
            warnings += diagnostics.Count(d => !d.IsError);
        }
        output.Out.WriteLine($"{files.Length} file(s) checked: {errors} error(s), {warnings} warning(s).");
        return errors > 0 ? ExitCodes.Errors : ExitCodes.Ok;
    }
}
