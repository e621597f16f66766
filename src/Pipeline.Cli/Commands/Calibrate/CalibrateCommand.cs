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
        var means = new Option<string?>("--means") { Description = "LoadGen summaries with Server mean TTFT/TPOT (shared/calibration/mlperf-llama2-70b-v4.1-all-closed.tsv), joined to --results by system id." };
        var fit = new Option<string?>("--fit") { Description = "Parameters to fit, comma-separated: gemm_efficiency, kv_read_efficiency, gemm_serial_share, attention_efficiency, step_overhead, stream_overhead, static_power, prompt_mean (default: the first two)." };
        var meanTpot = new Option<bool>("--mean-tpot") { Description = "Fit the Server rows' published mean TPOT beside tokens/s (needs --means)." };
        var heldBatch = new Option<bool>("--held-batch-tpot") { Description = "Fit the Server rows' published mean TPOT at the batch their runs held (Little's law on the means) beside tokens/s (needs --means): the step's cost there, well-conditioned where the rate is near saturation." };
        var promptMean = new Option<int>("--prompt-mean") { Description = "Assumed mean prompt length, tokens (the start when prompt_mean is fitted; default 300).", DefaultValueFactory = _ => MlperfWorkload.Assumed.PromptMean };
        var release = new Option<string?>("--release") { Description = "Fit an older stack release's factor instead of a family (its name, as `TensorRT 9.3`): on the release's vendor Offline rows, family parameters as the catalogue has them." };
        var parallel = new Option<int>("--parallel") { Description = "Rows simulated at once (default: processor count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("calibrate", "Fit an accelerator family's cost parameters to published results.") { results, family, release, local, backend, models, write, means, fit, meanTpot, heldBatch, promptMean, parallel };
        // --local measures this machine; the rest fit published rows: an option of one given to the other would be ignored.
        Option[] localOnly = [backend, models];
        Option[] publishedOnly = [means, fit, meanTpot, heldBatch, promptMean, parallel];
        ModeOptions.Exclusive(command, parse => parse.GetValue(local),
            ("--local", localOnly), ("a fit of published results (--results)", publishedOnly));
        command.SetAction(parse => parse.GetValue(local)
            ? LocalCalibrate.Execute(parse.GetValue(results) is null && parse.GetValue(family) is null && parse.GetValue(release) is null, parse.GetValue(backend)!, parse.GetValue(models)!, parse.GetValue(write), output)
            : parse.GetValue(release) is { } mark
            ? ReleaseCalibrate.Execute(parse.GetValue(results), mark, parse.GetValue(family) is null && parse.GetValue(write) is null && parse.GetValue(fit) is null
                    && parse.GetValue(means) is null && !parse.GetValue(meanTpot) && !parse.GetValue(heldBatch),
                parse.GetValue(promptMean), parse.GetValue(parallel), output)
            : Execute(new Request(parse.GetValue(results), parse.GetValue(family), parse.GetValue(write), parse.GetValue(parallel),
                parse.GetValue(means), parse.GetValue(fit), parse.GetValue(meanTpot), parse.GetValue(promptMean), parse.GetValue(heldBatch)), output));
        return command;
    }

    private sealed record Request(string? Results, string? Family, string? Write, int Parallel, string? Means, string? Fit, bool MeanTpot, int PromptMean, bool HeldBatchTpot = false);

    private static int Execute(Request request, CliOutput output)
    {
        var (results, family, write, parallel) = (request.Results, request.Family, request.Write, request.Parallel);
        if (results is null || family is null)
        {
            output.Error.WriteLine("error: give --results FILE.tsv --family F, or --local");
            return ExitCodes.Usage;
        }
        foreach (var path in new[] { results, request.Means }.OfType<string>().Where(p => !File.Exists(p)))
        {
            output.Error.WriteLine($"error: results file not found: {path}");
            return ExitCodes.Usage;
        }
        if ((request.MeanTpot || request.HeldBatchTpot) && request.Means is null)
        {
            output.Error.WriteLine("error: --mean-tpot and --held-batch-tpot need --means SUMMARIES.tsv");
            return ExitCodes.Usage;
        }
        if (request.PromptMean is < 1 or > 1023)
        {
            output.Error.WriteLine("error: --prompt-mean must be in [1, 1023] tokens");
            return ExitCodes.Usage;
        }
        if (parallel < 1)
        {
            output.Error.WriteLine("error: --parallel must be at least 1");
            return ExitCodes.Usage;
        }
        var start = AcceleratorCatalog.Names.Select(n => AcceleratorCatalog.TryGet(n, out var s) ? s : null).FirstOrDefault(s => s!.Family == family);
        if (start is null)
        {
            output.Error.WriteLine($"error: unknown family '{family}' (families with published rows: nvidia-hopper, amd-cdna3)");
            return ExitCodes.Usage;
        }
        if (write is not null && (write.Length == 0 || Directory.Exists(write)))
        {
            output.Error.WriteLine($"error: --write needs a file path, not '{write}'");
            return ExitCodes.Usage;
        }
        var table = SourceText.FromFile(results);
        var (rows, diagnostics) = PublishedResultsReader.Read(table);
        DiagnosticPrinter.Print(diagnostics, output.Error);
        if (diagnostics.Any(d => d.IsError)) return ExitCodes.Errors;
        if (request.Means is not null)
        {
            var (summaries, summaryDiagnostics) = PublishedResultsReader.Read(SourceText.FromFile(request.Means));
            DiagnosticPrinter.Print(summaryDiagnostics, output.Error);
            if (summaryDiagnostics.Any(d => d.IsError)) return ExitCodes.Errors;
            rows = PublishedMeans.Join(rows, summaries);
            if (!rows.Any(r => r.TtftMean is not null || r.TpotMean is not null))
            {
                output.Error.WriteLine($"warning: no row of {request.Means} joins a row of the results (by round, submitter, scenario and system id), so no mean is compared: is it LoadGen's summaries table?");
            }
        }
        var names = request.Fit?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [.. FitPlan.Default.Parameters];
        var workload = MlperfWorkload.Assumed with { PromptMean = request.PromptMean };
        FitPlan plan;
        try
        {
            plan = new FitPlan(names, request.MeanTpot, request.HeldBatchTpot);
            _ = names.Select(n => FitPlan.Known(n, start.Cost, workload)).ToArray();
        }
        catch (ArgumentException e)
        {
            output.Error.WriteLine($"error: --fit: {Pipeline.Core.Diagnostics.UserMessage.Of(e)}");
            return ExitCodes.Usage;
        }
        var rowProblems = PublishedRowChecks.Compile(table, ResultsFidelity.Experiments(rows, workload));
        DiagnosticPrinter.Print(rowProblems, output.Error);
        if (rowProblems.Count > 0) return ExitCodes.Errors;
        if (FamilyCalibration.FittingRows(family, rows).Count == 0)
        {
            output.Error.WriteLine($"error: no row of {results} fits family {family}: a fit takes the vendor's own rows (NVIDIA's or AMD's) of the newest round, on catalogue accelerators of that family");
            return ExitCodes.Errors;
        }
        var result = FamilyCalibration.Fit(family, rows, workload, start.Cost, parallel, line => output.Error.WriteLine(line), plan);
        output.Out.WriteLine($"family {family}: {string.Join("  ", result.Settings)}");
        output.Out.WriteLine($"workload: {(result.Workload ?? workload).Lengths}{(names.Contains(FitPlan.PromptMean) ? " (prompt mean fitted)" : " (prompt mean assumed)")}");
        output.Out.Write(ResultsFidelityText.Render(result.Comparisons));
        if (write is not null)
        {
            File.WriteAllText(write, AcceleratorFile.Write(result, results));
            output.Out.WriteLine($"wrote {write}");
        }
        return ExitCodes.Ok;
    }
}
