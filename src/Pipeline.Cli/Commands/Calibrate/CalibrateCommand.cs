using System.CommandLine;
using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Fitting;
using Pipeline.Calibration.Published;
using Pipeline.Core.Text;
using Pipeline.Plans.Catalog;

namespace Pipeline.Cli.Commands.Calibrate;

/// <summary>
/// <c>pipeline calibrate --results FILE.tsv --family F [--write FILE.pipe]</c>: fits a family's cost parameters to
/// published results by least squares, prints the residual of every row, and writes an accelerator file that
/// experiments import. <c>pipeline calibrate --local [--backend B] [--write FILE.pipe]</c>: measures this machine
/// (<see cref="LocalCalibrate"/>).
/// </summary>
internal sealed class CalibrateCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var results = new Option<string?>("--results") { Description = "Published results (tab-separated, as shared/calibration/mlperf-llama2-70b-v4.tsv)." };
        var family = new Option<string?>("--family") { Description = "Accelerator family to fit with --results: nvidia-hopper or amd-cdna3." };
        var local = new Option<bool>("--local") { Description = "Measure this machine's engine and fit the local accelerator's parameters." };
        var models = new Option<string>("--models") { Description = "Models measured with --local: all (tiny and small) or tiny (the examples' model).", DefaultValueFactory = _ => "all" };
        var backend = new Option<string>("--backend") { Description = "Local backend to measure with --local: auto, cpu, ilgpu-cpu or cuda.", DefaultValueFactory = _ => "auto" };
        var write = new Option<string?>("--write") { Description = "Accelerator file to write (declarations to import)." };
        var parallel = new Option<int>("--parallel") { Description = "Rows simulated at once (default: processor count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("calibrate", "Fit an accelerator family's cost parameters to published results.") { results, family, local, backend, models, write, parallel };
        command.SetAction(parse => parse.GetValue(local)
            ? LocalCalibrate.Execute(parse.GetValue(results) is null && parse.GetValue(family) is null, parse.GetValue(backend)!, parse.GetValue(models)!, parse.GetValue(write), output)
            : Execute(parse.GetValue(results), parse.GetValue(family), parse.GetValue(write), parse.GetValue(parallel), output));
        return command;
    }

    private static int Execute(string? results, string? family, string? write, int parallel, CliOutput output)
    {
        if (results is null || family is null)
        {
            output.Error.WriteLine("error: give --results FILE.tsv --family F, or --local");
            return ExitCodes.Usage;
        }
        if (!File.Exists(results))
        {
            output.Error.WriteLine($"error: results file not found: {results}");
            return ExitCodes.Usage;
        }
        var start = AcceleratorCatalog.Names.Select(n => AcceleratorCatalog.TryGet(n, out var s) ? s : null).FirstOrDefault(s => s!.Family == family);
        if (start is null || parallel < 1)
        {
            output.Error.WriteLine($"error: unknown family '{family}' (families with published rows: nvidia-hopper, amd-cdna3), or --parallel below 1");
            return ExitCodes.Usage;
        }
        if (write is not null && (write.Length == 0 || Directory.Exists(write)))
        {
            output.Error.WriteLine($"error: --write needs a file path, not '{write}'");
            return ExitCodes.Usage;
        }
        var (rows, diagnostics) = PublishedResultsReader.Read(SourceText.FromFile(results));
        DiagnosticPrinter.Print(diagnostics, output.Error);
        if (diagnostics.Any(d => d.IsError)) return ExitCodes.Errors;
        var result = FamilyCalibration.Fit(family, rows, MlperfWorkload.Assumed, start.Cost, parallel, line => output.Error.WriteLine(line));
        output.Out.WriteLine($"family {family}: {string.Join("  ", result.Settings)}");
        output.Out.Write(ResultsFidelityText.Render(result.Comparisons));
        if (write is not null)
        {
            File.WriteAllText(write, AcceleratorFile.Write(result, results));
            output.Out.WriteLine($"wrote {write}");
        }
        return ExitCodes.Ok;
    }
}
