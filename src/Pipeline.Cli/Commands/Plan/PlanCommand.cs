using System.CommandLine;
using Pipeline.Compiler;
using Pipeline.Plans.Rendering;

namespace Pipeline.Cli.Commands.Plan;

/// <summary><c>pipeline plan FILE [--json]</c>: prints the compiled execution and benchmark plan.</summary>
internal sealed class PlanCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var file = new Argument<string>("file") { Description = "Experiment file (.pipe)." };
        var json = new Option<bool>("--json") { Description = "Print canonical JSON instead of text." };
        var command = new Command("plan", "Compile an experiment and print its plan.") { file, json };
        command.SetAction(parse => Execute(parse.GetValue(file)!, parse.GetValue(json), output));
        return command;
    }

    private static int Execute(string file, bool json, CliOutput output)
    {
        if (!InputFile.AllExist([file], output)) return ExitCodes.Usage;
        var result = ExperimentCompiler.CompileFile(file);
        DiagnosticPrinter.Print(result.Diagnostics, output.Error);
        if (!result.Success || result.Plan is null) return ExitCodes.Errors;
        output.Out.Write(json ? PlanJsonRenderer.Render(result.Plan) : PlanTextRenderer.Render(result.Plan));
        return ExitCodes.Ok;
    }
}
