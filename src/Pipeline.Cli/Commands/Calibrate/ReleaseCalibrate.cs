using System.Globalization;
using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Fitting;
using Pipeline.Calibration.Published;
using Pipeline.Core.Text;

namespace Pipeline.Cli.Commands.Calibrate;

/// <summary>
/// <c>pipeline calibrate --results FILE.tsv --release "TensorRT 9.3"</c>: fits a declared older stack release's factor
/// (<see cref="ReleaseCalibration"/>) and prints it with the residual of every row it was fitted on.
/// </summary>
internal static class ReleaseCalibrate
{
    public static int Execute(string? results, string mark, bool alone, int promptMean, int parallel, CliOutput output)
    {
        if (results is null || !alone)
        {
            output.Error.WriteLine("error: --release needs --results FILE.tsv, and takes no --family, --fit, --means, --mean-tpot or --write");
            return ExitCodes.Usage;
        }
        if (!File.Exists(results))
        {
            output.Error.WriteLine($"error: results file not found: {results}");
            return ExitCodes.Usage;
        }
        var release = StackRelease.All.FirstOrDefault(r => r.Mark.Equals(mark.Trim(), StringComparison.OrdinalIgnoreCase));
        if (release is null)
        {
            output.Error.WriteLine($"error: unknown release '{mark}' (declared: {string.Join(", ", StackRelease.All.Select(r => r.Mark))})");
            return ExitCodes.Usage;
        }
        if (promptMean is < 1 or > 1023 || parallel < 1)
        {
            output.Error.WriteLine("error: --prompt-mean must be in [1, 1023] tokens and --parallel at least 1");
            return ExitCodes.Usage;
        }
        var (rows, diagnostics) = PublishedResultsReader.Read(SourceText.FromFile(results));
        DiagnosticPrinter.Print(diagnostics, output.Error);
        if (diagnostics.Any(d => d.IsError)) return ExitCodes.Errors;
        if (ReleaseCalibration.FittingRows(release, rows).Count == 0)
        {
            output.Error.WriteLine($"error: no NVIDIA or AMD Offline row of {results} ran {release.Mark}");
            return ExitCodes.Errors;
        }
        var workload = MlperfWorkload.Assumed with { PromptMean = promptMean };
        var result = ReleaseCalibration.Fit(release, rows, workload, parallel, line => output.Error.WriteLine(line));
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"release {release.Mark}: factor = {result.Release.Factor:0.000} (declared {release.Factor:0.000}; family parameters as the catalogue has them)"));
        output.Out.WriteLine($"workload: {workload.Lengths} (prompt mean assumed)");
        output.Out.Write(ResultsFidelityText.Render(result.Comparisons));
        return ExitCodes.Ok;
    }
}
