using System.CommandLine;
using System.Globalization;
using Pipeline.Calibration.Fidelity;
using Pipeline.Calibration.Published;
using Pipeline.Core.Text;

namespace Pipeline.Cli.Commands.Fidelity;

/// <summary>
/// <c>pipeline fidelity --results FILE.tsv [--means SUMMARIES.tsv] [--prompt-mean N] [--cost "name = value"]... [--matched-rate] [--at-published-batch] [--cost-band PERCENT] [--experiments DIR]</c>:
/// simulates each published result's system and scenario and prints predicted against published figures with the error, then the ratios between systems,
/// then on request each Server row's rate at its published latency, its TPOT at its published batch, and its p99 TPOT with a step a few per cent dearer and cheaper.
/// <c>pipeline fidelity FILE.pipe... [--import calibration.pipe | --calibrate-local MODELS] [--rounds N]</c>: runs execute experiments in both modes
/// (<see cref="ExecuteFidelityCommand"/>).
/// </summary>
internal sealed class FidelityCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var results = new Option<string?>("--results") { Description = "Published results (tab-separated, as shared/calibration/mlperf-llama2-70b-v4.tsv)." };
        var files = new Argument<string[]>("files") { Description = "Execute experiments to run in both modes.", Arity = ArgumentArity.ZeroOrMore };
        var import = new Option<string?>("--import") { Description = "Calibration file (from calibrate --local) whose accelerator simulate mode uses." };
        var promptMean = new Option<int>("--prompt-mean") { Description = "Assumed mean prompt length of the data set, tokens (unpublished; default 300).", DefaultValueFactory = _ => MlperfWorkload.Assumed.PromptMean };
        var means = new Option<string?>("--means") { Description = "LoadGen summaries with mean TTFT/TPOT (shared/calibration/mlperf-llama2-70b-v4.1-all-closed.tsv), joined to --results by system id." };
        var cost = new Option<string[]>("--cost") { Description = "A cost setting declared on every row's accelerator, as a cost { } line (`gemm_efficiency = 0.8`); repeatable. Testing a fit's values on rows it did not see.", AllowMultipleArgumentsPerToken = false };
        var parallel = new Option<int>("--parallel") { Description = "Rows simulated at once (default: processor count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var rounds = new Option<int>("--rounds") { Description = "Execute runs per experiment file: the table compares the median and shows the range (the machine's run-to-run spread).", DefaultValueFactory = _ => 1 };
        var calibrateLocal = new Option<string?>("--calibrate-local") { Description = "Calibrate this machine before every round, in this process, and predict each round's run with its own calibration: paired rounds. workload: the experiment's own model at its workload's prompt and context percentiles and batches up to its max_batch; tiny, all or smoke: the fixed shapes of calibrate --local --models. Not with --import." };
        var backend = new Option<string>("--backend") { Description = "Local backend --calibrate-local measures: auto, cpu, ilgpu-cpu or cuda.", DefaultValueFactory = _ => "auto" };
        var seed = new Option<int>("--seed") { Description = "Seed of every row's simulated workload (default 1): other seeds show how far the predictions move with the sample of arrivals and lengths.", DefaultValueFactory = _ => 1 };
        var serverSeconds = new Option<double?>("--server-seconds") { Description = "Seconds of arrivals every Server row's run lasts (default: each row's own published min_duration, 600 s or 2,400 s). Shorter is faster but, near saturation, reads TPOT low: the batch has not settled." };
        var matched = new Option<bool>("--matched-rate") { Description = "Also search each Server row for the highest rate whose simulated p99 TPOT stays within the published one (and p99 TTFT within 2 s), and compare that rate with the published rate." };
        var heldBatch = new Option<bool>("--at-published-batch") { Description = "Also run each Server row whose means are published (--means) with the batch its run held on average (Little's law on the means) and compare the mean TPOT there: the step's cost at the real operating point, apart from where a run at the published rate settles." };
        var band = new Option<double?>("--cost-band") { Description = "Also predict each Server row with the fitted device efficiencies (gemm_efficiency, kv_read_efficiency) this many per cent lower and higher (above 0, at most 10), and say whether the published p99 TPOT lies between: how far the p99 moves with an error in the step's cost as small as the calibration's." };
        var experiments = new Option<string?>("--experiments") { Description = "Write each simulated row's experiment file to this folder (line-NN-offline.pipe, line-NN-server.pipe; created if missing), as simulated: pipeline run or plan reproduces and explains any row's prediction (its latencies; run counts tokens/s to the last completion, fidelity to the last query issued, as LoadGen)." };
        var tables = new Option<bool>("--calibration-tables") { Description = "With --calibrate-local: print each round's calibration, every measured shape against the fitted predictor (shape | measured us | predicted us | error), beside its fitted values." };
        var command = new Command("fidelity", "Compare the simulator's predictions with published results.") { files, results, import, calibrateLocal, backend, promptMean, means, cost, parallel, matched, heldBatch, band, experiments, rounds, seed, serverSeconds, tables };
        // Each option belongs to one of the two comparisons: one given to the other would be silently ignored.
        Option[] executeOnly = [import, calibrateLocal, backend, rounds]; // --calibration-tables has its own message
        Option[] resultsOnly = [promptMean, means, cost, parallel, matched, heldBatch, band, experiments, seed, serverSeconds];
        ModeOptions.Exclusive(command,
            parse => parse.GetValue(files) is { Length: > 0 } && parse.GetValue(results) is null ? true : parse.GetValue(results) is not null ? false : null,
            ("experiment files (execute against simulate)", executeOnly), ("--results (published rows)", resultsOnly));
        command.SetAction(parse => parse.GetValue(files) is { Length: > 0 } paths
            ? (parse.GetValue(results) is null
                ? ExecuteFidelityCommand.Execute(paths, parse.GetValue(import), parse.GetValue(calibrateLocal), parse.GetValue(backend)!, parse.GetValue(rounds), parse.GetValue(tables), output)
                : Conflict(output))
            : parse.GetValue(tables) ? TablesNeedLocal(output) : Execute(parse.GetValue(results), parse.GetValue(means), parse.GetValue(cost) ?? [], parse.GetValue(promptMean), parse.GetValue(parallel),
                parse.GetValue(matched), parse.GetValue(heldBatch), parse.GetValue(band), parse.GetValue(experiments), parse.GetValue(seed), parse.GetValue(serverSeconds), output));
        return command;
    }

    private static int TablesNeedLocal(CliOutput output)
    {
        output.Error.WriteLine(ExecuteFidelityCommand.TablesNeedCalibrateLocal);
        return ExitCodes.Usage;
    }

    private static int Conflict(CliOutput output)
    {
        output.Error.WriteLine("error: give experiment files or --results FILE.tsv, not both");
        return ExitCodes.Usage;
    }

    private static int Execute(string? results, string? means, string[] cost, int promptMean, int parallel, bool matchedRate, bool atPublishedBatch, double? bandPercent, string? experimentsFolder, int seed, double? serverSeconds, CliOutput output)
    {
        if (results is null)
        {
            output.Error.WriteLine("error: give experiment files (FILE.pipe...) or --results FILE.tsv");
            return ExitCodes.Usage;
        }
        foreach (var path in new[] { results, means }.OfType<string>().Where(p => !File.Exists(p)))
        {
            output.Error.WriteLine($"error: results file not found: {path}");
            return ExitCodes.Usage;
        }
        if (promptMean is < 1 or > 1023 || parallel < 1 || seed < 0 || serverSeconds is not (null or (> 0 and <= 86400)))
        {
            output.Error.WriteLine("error: --prompt-mean must be in [1, 1023] tokens, --parallel at least 1, --seed at least 0 and --server-seconds above 0 and at most 86,400");
            return ExitCodes.Usage;
        }
        if (bandPercent is { } given && !(given > 0 && given <= CostBands.MaxShare * 100))
        {
            output.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --cost-band must be above 0 and at most {CostBands.MaxShare * 100:0} (per cent)"));
            return ExitCodes.Usage;
        }
        if (experimentsFolder is not null && OutputFolder.Problem(experimentsFolder, "--experiments") is { } problem)
        {
            output.Error.WriteLine("error: " + problem);
            return ExitCodes.Usage;
        }
        var table = SourceText.FromFile(results);
        var (rows, diagnostics) = PublishedResultsReader.Read(table);
        DiagnosticPrinter.Print(diagnostics, output.Error);
        if (diagnostics.Any(d => d.IsError)) return ExitCodes.Errors;
        if (means is not null)
        {
            var (summaries, summaryDiagnostics) = PublishedResultsReader.Read(SourceText.FromFile(means));
            DiagnosticPrinter.Print(summaryDiagnostics, output.Error);
            if (summaryDiagnostics.Any(d => d.IsError)) return ExitCodes.Errors;
            rows = PublishedMeans.Join(rows, summaries);
            if (!rows.Any(r => r.TtftMean is not null || r.TpotMean is not null))
            {
                output.Error.WriteLine($"warning: no row of {means} joins a row of the results (by round, submitter, scenario and system id), so no mean is compared: is it LoadGen's summaries table?");
            }
        }
        var workload = MlperfWorkload.Assumed with { PromptMean = promptMean };
        var length = serverSeconds is { } seconds ? ServerRunLength.RuleMinimum with { Seconds = seconds } : null;
        // Without --cost: a cost line the accelerator does not know is a usage error of its own, below.
        var rowProblems = PublishedRowChecks.Compile(table, ResultsFidelity.Experiments(rows, workload, seed: seed, length: length));
        DiagnosticPrinter.Print(rowProblems, output.Error);
        if (rowProblems.Count > 0) return ExitCodes.Errors;
        output.Out.WriteLine($"workload: {workload.Lengths} (prompt mean assumed)");
        output.Out.WriteLine("offline runs: LoadGen's samples_per_query, the expected rate x each row's published min_duration (600 s or 2,400 s) x 1.1, at least the data set's 24,576; tokens/s over the whole run");
        output.Out.WriteLine(length is null
            ? "server runs: as long as each row's published run (its summary's min_duration, 600 s or 2,400 s of arrivals at its target rate); tokens/s to the end of the last query issued, as LoadGen counts them"
            : string.Create(CultureInfo.InvariantCulture, $"server runs: {length.Seconds:0.###} s of arrivals each (not the published durations); tokens/s to the end of the last query issued, as LoadGen counts them"));
        if (cost.Length > 0) output.Out.WriteLine($"cost: {string.Join("  ", cost)} (declared on every row's accelerator)");
        IReadOnlyList<string> settings = cost;
        try
        {
            if (seed != 1) output.Out.WriteLine($"seed: {seed} (every row's workload)");
            if (experimentsFolder is not null)
            {
                // Written before the simulations, which take minutes: the files are the runs about to be made.
                var written = ResultsFidelity.Experiments(rows, workload, _ => settings, seed: seed, length: length);
                foreach (var (row, text) in written)
                {
                    File.WriteAllText(Path.Combine(experimentsFolder, string.Create(CultureInfo.InvariantCulture, $"line-{row.Line:00}-{(row.IsOffline ? "offline" : "server")}.pipe")), text);
                }
                output.Out.WriteLine($"experiments: {written.Count} row files in {experimentsFolder} (pipeline run or plan reproduces a row)");
            }
            var comparisons = ResultsFidelity.Compare(rows, workload, _ => settings, parallel, seed: seed, length: length);
            output.Out.Write(ResultsFidelityText.Render(comparisons));
            if (matchedRate)
            {
                output.Out.WriteLine();
                output.Out.WriteLine("Server rows at the published latency: the highest rate the simulated system serves within the row's own p99 TPOT");
                output.Out.Write(ResultsFidelityText.RenderMatchedRates(MatchedRates.Compute(rows, workload, _ => settings, parallel, seed: seed, length: length)));
            }
            if (atPublishedBatch)
            {
                output.Out.WriteLine();
                output.Out.WriteLine("Server rows at the published batch: one replica holding the queries the published run held on average, its mean TPOT against the published mean");
                if (means is null) output.Out.WriteLine("(the batch comes from the summaries' means: without --means every row is skipped)");
                output.Out.Write(ResultsFidelityText.RenderPublishedBatchTpots(PublishedBatchTpots.Compute(rows, workload, _ => settings, parallel, seed)));
            }
            if (bandPercent is { } percent)
            {
                output.Out.WriteLine();
                output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Server rows with the step's cost moved: the fitted device efficiencies {percent:0.##}% lower (a dearer step) and higher (a cheaper one)"));
                output.Out.Write(ResultsFidelityText.RenderCostBands(CostBands.Compute(comparisons, workload, percent / 100, _ => settings, parallel, seed, length), percent / 100));
            }
        }
        catch (Exception e) when (cost.Length > 0 && e is InvalidOperationException or AggregateException)
        {
            // A row's experiment that does not compile can only be a bad --cost line here.
            var inner = e is AggregateException a ? a.Flatten().InnerExceptions[0] : e;
            output.Error.WriteLine($"error: --cost: {inner.Message.Split('\n')[0]}");
            return ExitCodes.Usage;
        }
        return ExitCodes.Ok;
    }
}
