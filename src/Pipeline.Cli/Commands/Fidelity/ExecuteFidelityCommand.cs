using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Local;
using Pipeline.Core.Text;

namespace Pipeline.Cli.Commands.Fidelity;

/// <summary>
/// <c>pipeline fidelity FILE.pipe... [--import calibration.pipe] [--rounds N]</c>: runs each execute experiment as written
/// (N times: median and range) and as its simulate twin (recompiled with <c>mode = simulate</c>, and with the calibration file's
/// <c>this-machine</c> accelerator when imported), and prints <c>metric | measured | simulated | diff %</c>.
/// </summary>
internal static class ExecuteFidelityCommand
{
    /// <summary>Largest <c>--rounds</c>: each round is a whole execute run.</summary>
    public const int MaxRounds = 100;

    public static int Execute(IReadOnlyList<string> files, string? import, int rounds, CliOutput output)
    {
        if (rounds is < 1 or > MaxRounds)
        {
            output.Error.WriteLine($"error: --rounds must be in [1, {MaxRounds}]");
            return ExitCodes.Usage;
        }
        var missing = files.Where(f => !File.Exists(f)).Append(import is not null && !File.Exists(import) ? import : null).OfType<string>().ToArray();
        if (missing.Length > 0)
        {
            output.Error.WriteLine($"error: file not found: {string.Join(", ", missing)}");
            return ExitCodes.Usage;
        }
        var importPath = import is null ? null : Path.GetFullPath(import);
        var failed = false;
        foreach (var file in files)
        {
            var (rows, diagnostics, problem) = ExecuteFidelity.Run(SourceText.FromFile(file), importPath, LocalAcceleratorFile.AcceleratorName, rounds: rounds);
            DiagnosticPrinter.Print(diagnostics, output.Error);
            if (rows is null)
            {
                output.Error.WriteLine($"error: {file}: {problem}");
                failed = true;
                continue;
            }
            output.Out.Write(ExecuteFidelityText.Render(file, rows));
            output.Out.WriteLine();
        }
        return failed ? ExitCodes.Errors : ExitCodes.Ok;
    }
}
