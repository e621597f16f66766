using System.Globalization;
using Pipeline.Runner;

namespace Pipeline.Cli.Commands.Run;

/// <summary>
/// The exit code of <c>pipeline run</c>: <see cref="ExitCodes.Ok"/> when every run is VALID, <see cref="ExitCodes.Errors"/>
/// when one could not run or is INVALID, <see cref="ExitCodes.Interrupted"/> when the user stopped it (the interrupted
/// run was written, marked INVALID, and the sweep's remaining runs were skipped).
/// </summary>
internal static class RunExitCode
{
    public static int Of(IReadOnlyCollection<RunResult> results, int planned, CliOutput output)
    {
        if (output.Interrupt.IsCancellationRequested)
        {
            output.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"interrupted: stopped cleanly after {results.Count} of {planned} run{(planned == 1 ? "" : "s")}; the interrupted run is INVALID"));
            return ExitCodes.Interrupted;
        }
        return results.All(r => r.Succeeded && r.IsValid) ? ExitCodes.Ok : ExitCodes.Errors;
    }
}
