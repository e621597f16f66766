using System.CommandLine;
using Pipeline.Core.Text;
using Pipeline.Language.Formatting;

namespace Pipeline.Cli.Commands.Fmt;

/// <summary><c>pipeline fmt FILE [--write]</c>: prints (or rewrites) the file in canonical layout.</summary>
internal sealed class FmtCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var file = new Argument<string>("file") { Description = "Experiment file (.pipe)." };
        var write = new Option<bool>("--write") { Description = "Rewrite the file in place instead of printing it." };
        var check = new Option<bool>("--check") { Description = "Exit 1 if the file is not already formatted (for CI)." };
        var command = new Command("fmt", "Format an experiment file.") { file, write, check };
        command.SetAction(parse => Execute(parse.GetValue(file)!, parse.GetValue(write), parse.GetValue(check), output));
        return command;
    }

    private static int Execute(string file, bool write, bool check, CliOutput output)
    {
        if (write && check)
        {
            output.Error.WriteLine("error: --write and --check cannot be combined: --check only reports, --write rewrites");
            return ExitCodes.Usage;
        }
        if (!InputFile.AllExist([file], output)) return ExitCodes.Usage;
        var source = SourceText.FromFile(file);
        var result = ExperimentFormatter.Format(source);
        if (DiagnosticPrinter.Print(result.Diagnostics, output.Error) > 0 || result.Text is null) return ExitCodes.Errors;
        if (check)
        {
            var formatted = result.Text == source.Content;
            output.Error.WriteLine(formatted ? $"{file}: formatted" : $"{file}: not formatted (run 'pipeline fmt {file} --write')");
            return formatted ? ExitCodes.Ok : ExitCodes.Errors;
        }
        if (write)
        {
            if (result.Text != source.Content) File.WriteAllText(file, result.Text);
            return ExitCodes.Ok;
        }
        output.Out.Write(result.Text);
        return ExitCodes.Ok;
    }
}
