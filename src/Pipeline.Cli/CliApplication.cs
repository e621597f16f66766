using System.CommandLine;
using Pipeline.Cli.Commands.Bench;
using Pipeline.Cli.Commands.Calibrate;
using Pipeline.Cli.Commands.Capacity;
using Pipeline.Cli.Commands.Check;
using Pipeline.Cli.Commands.Fidelity;
using Pipeline.Cli.Commands.Fmt;
using Pipeline.Cli.Commands.Generate;
using Pipeline.Cli.Commands.Plan;
using Pipeline.Cli.Commands.Run;
using Pipeline.Cli.Commands.Scenarios;
using Pipeline.Cli.Commands.Test;
using Pipeline.Cli.Commands.Worker;

namespace Pipeline.Cli;

/// <summary>
/// The <c>pipeline</c> command line: parses arguments, dispatches to a verb and turns every outcome into an
/// exit code (<see cref="ExitCodes"/>: 0 ok, 1 errors or an INVALID run, 2 usage, 3 internal error, 130 interrupted). No exception
/// escapes: an unexpected one is reported as an internal error.
/// </summary>
public static class CliApplication
{
    private static readonly ICliCommand[] Verbs =
    [
        new CheckCommand(), new PlanCommand(), new FmtCommand(), new RunCommand(),
        new GenerateCommand(), new BenchCommand(), new TestCommand(), new FidelityCommand(), new CalibrateCommand(), new ScenariosCommand(),
        new CapacityCommand(),
        new WorkerCommand(),
    ];

    /// <summary>Runs the command line and returns the process exit code.</summary>
    public static int Run(string[] args, CliOutput output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var root = new RootCommand("pipeline: LLM-inference experiments as code (check, plan, fmt, run, scenarios, capacity, generate, bench, test, fidelity, calibrate, worker).");
            foreach (var verb in Verbs) root.Subcommands.Add(verb.Build(output));
            // No response files: `--tags "@batching"` is a tag expression, not a file to read arguments from.
            var parse = root.Parse(args.Length == 0 ? ["--help"] : args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parse.Errors.Count > 0)
            {
                foreach (var error in parse.Errors) output.Error.WriteLine($"error: {error.Message}");
                output.Error.WriteLine("Run 'pipeline --help' for usage.");
                return ExitCodes.Usage;
            }
            var code = parse.Invoke(new InvocationConfiguration { Output = output.Out, Error = output.Error, EnableDefaultExceptionHandler = false });
            return args.Length == 0 ? ExitCodes.Usage : code; // no verb: the usage, and a usage error
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            output.Error.WriteLine($"internal error: {exception.GetType().Name}: {exception.Message}");
            output.Error.WriteLine("This is a bug in Pipeline; please report it with the command line and input file.");
            return ExitCodes.InternalError;
        }
    }
}
