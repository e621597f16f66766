using System.CommandLine;
using System.Globalization;
using Pipeline.Cluster;
using Pipeline.Core.Text;
using Pipeline.Reports;
using Pipeline.Runner.Capacity;

namespace Pipeline.Cli.Commands.Capacity;

/// <summary>
/// <c>pipeline capacity FILE [--out DIR] [--seed N] [--no-prune] [--cluster ADDRESS]</c>: the cheapest deployment that meets the
/// experiment's traffic under its SLOs. Weighs every candidate of the file's <c>capacity { }</c> block in simulate
/// mode (<see cref="CapacityPlanner"/>), prints one line per candidate as it finishes, then the table and the answer;
/// <c>--out</c> writes <c>capacity.txt</c>, <c>capacity.csv</c> and the Pareto plot (<see cref="CapacityReporter"/>).
/// Several candidates run as cells on a silo inside this process by default, or on the cluster <c>--cluster</c> names
/// (<see cref="ClusterCapacityView"/>); one candidate, or <c>--cluster none</c>, runs in the planner's own loop here. Same report.
/// Exit code: 0 when a candidate meets the traffic, 1 when none does (or for diagnostics), 2 for usage errors (no
/// capacity block), 130 when interrupted.
/// </summary>
internal sealed class CapacityCommand : ICliCommand
{
    public Command Build(CliOutput output)
    {
        var file = new Argument<string>("file") { Description = "Experiment file (.pipe) with a capacity { } block, simulate mode, Poisson arrivals (the traffic) and latency limits." };
        var outDir = new Option<string?>("--out") { Description = "Folder for capacity.txt, capacity.csv and capacity-pareto.png/.svg." };
        var seed = SeedOption.Create();
        var noPrune = new Option<bool>("--no-prune") { Description = "Search every feasible candidate, even those the roofline bound rules out." };
        var cluster = new Option<string?>("--cluster") { Description = ClusterOption.Help };
        var command = new Command("capacity", "Find the cheapest candidate deployment that meets the traffic under the SLOs (simulate mode): table, CSV and Pareto plot.")
        {
            file, outDir, seed, noPrune, cluster,
        };
        command.SetAction(parse => Execute(parse.GetValue(file)!, parse.GetValue(outDir), parse.GetValue(seed), parse.GetValue(noPrune), parse.GetValue(cluster), output));
        return command;
    }

    private static int Execute(string file, string? outDir, string? seedText, bool noPrune, string? clusterText, CliOutput output)
    {
        // Every usage problem is found before any work starts, as for `run`.
        if (OutputFolder.Refuses(outDir, output)) return ExitCodes.Usage;
        if (!SeedOption.TryRead(seedText, output, out var seed)) return ExitCodes.Usage;
        if (!ClusterOption.TryRead(clusterText, output, out var cluster)) return ExitCodes.Usage;
        if (!InputFile.AllExist([file], output)) return ExitCodes.Usage;
        var source = SourceText.FromFile(file);
        var options = new CapacityOptions(seed, !noPrune, output.Interrupt, OnCandidate: c => output.Error.WriteLine(Progress(c)));
        var cells = CapacityCells.Compile(source, options);
        var compiled = cells.Compiled;
        DiagnosticPrinter.Print(compiled.Diagnostics, output.Error);
        if (!compiled.Success) return ExitCodes.Errors;
        if (!CapacityPlanner.HasCapacity(compiled))
        {
            output.Error.WriteLine($"error: {file} has no capacity {{ }} block: add one with the candidate axes, e.g. `capacity {{ hardware.accelerator = [h100-sxm, h200]  hardware.tp = [2, 4] }}`");
            return ExitCodes.Usage;
        }
        CapacityReport? report;
        if (cluster.For(cells.Cells.Count) is { } address)
        {
            (report, var exitCode) = ClusterCapacityView.Run(cells, address, output, options.OnCandidate!);
            if (report is null && exitCode != ExitCodes.Interrupted) return exitCode;
        }
        else
        {
            report = CapacityPlanner.Run(source, options);
        }
        if (report is null || output.Interrupt.IsCancellationRequested)
        {
            output.Error.WriteLine("interrupted: stopped cleanly; no report");
            return ExitCodes.Interrupted;
        }
        CapacityTable.Write(report, output.Out);
        if (outDir is not null)
        {
            foreach (var path in CapacityReporter.Write(report, outDir)) output.Out.WriteLine($"wrote {path}");
        }
        return report.Cheapest is null ? ExitCodes.Errors : ExitCodes.Ok;
    }

    private static string Progress(CandidateResult c) => c.Outcome switch
    {
        CandidateOutcome.Infeasible => $"#{c.Index} {c.Label}: infeasible",
        CandidateOutcome.Pruned => FormattableString.Invariant($"#{c.Index} {c.Label}: pruned, bound {c.Bound:0.###} req/s"),
        _ => FormattableString.Invariant($"#{c.Index} {c.Label}: {c.Accelerators}, {c.UsdPerHour:0.00} USD/h, peak {(c.PeakRate is { } p ? p.ToString("0.###", CultureInfo.InvariantCulture) : "none")} req/s after {c.Probes} runs"),
    };
}
