using System.Globalization;
using Pipeline.Compiler;
using Pipeline.Runner;
using Pipeline.Runner.Cells;
using Pipeline.Runner.Search;
using Pipeline.Serving.Observation;

namespace Pipeline.Cli.Commands.Run;

/// <summary>
/// <c>pipeline run FILE --peak</c> (or <c>search = peak_rate</c> in the file): runs the runner's peak-rate search for
/// one cell of the file (<see cref="CellRunner"/>), prints every probe as it finishes and writes <c>peak.csv</c> into the
/// run's report folder; the cell runs the peak's rate once more with the reports attached (runs are deterministic: the
/// same run) and that run is returned; when the search found no peak, the run closest to one, marked INVALID with the reason.
/// </summary>
internal static class PeakRunView
{
    /// <summary>True (after printing why) when <c>--peak</c> cannot apply to a run of the file.</summary>
    public static bool Refuses(CompilationResult compiled, CliOutput output)
    {
        var reason = compiled.Runs.Select(PeakRateSearch.Unsuitable).FirstOrDefault(r => r is not null);
        if (reason is null) return false;
        output.Error.WriteLine($"error: --peak: {reason}");
        return true;
    }

    /// <summary>Runs a <see cref="CellKind.PeakSearch"/> cell, printing each probe and the peak; returns its final run.</summary>
    public static RunResult Run(ExperimentCell cell, CompilationResult compiled, string? folder, IReadOnlyList<IServingObserver> observers, CliOutput output)
    {
        var plan = compiled.Runs[cell.Index];
        var tolerance = plan.Benchmark.Search?.Tolerance ?? Plans.PeakSearchPlan.DefaultTolerance;
        var start = PeakRateSearch.StartRate(plan) ?? throw new InvalidOperationException($"cell {cell.Index} has no rate to search (the compiler checks this: PL0422)");
        var c = CultureInfo.InvariantCulture;
        var over = plan.Benchmark.Workload.Arrivals is Plans.TraceArrivals ? " (the trace's mean rate: each probe replays it at the speed that gives its rate)" : string.Empty;
        output.Out.WriteLine(string.Create(c, $"peak search: {ExperimentProbes.RatePath} from {start:0.###} req/s{over}, tolerance {tolerance * 100:0.##}%"));
        var options = new RunOptions(Cancellation: output.Interrupt, Observers: observers, KeepTimelines: false);
        var outcome = CellRunner.Run(cell, options, probe => Print(probe, output.Out));
        var result = outcome.Search ?? throw new InvalidOperationException($"cell {cell.Index} compiled here but not as a cell");
        if (result.Found)
        {
            output.Out.WriteLine(string.Create(c,
                $"peak       {result.Peak!.Rate:0.###} req/s VALID; the lowest INVALID rate probed, {result.LowestInvalid:0.###} req/s, is within {tolerance * 100:0.##}%"));
        }
        else
        {
            output.Out.WriteLine($"peak       not found: {result.Failure}");
        }
        if (folder is not null)
        {
            output.Out.WriteLine($"wrote {PeakSearchCsv.WriteFile(result, folder)}");
        }
        return outcome.Run!;
    }

    private static void Print(PeakProbe probe, TextWriter writer) => writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"probe      {probe.Rate,10:0.000} req/s  {(probe.Valid ? "VALID  " : "INVALID")}  p99 TTFT {probe.P99Ttft * 1e3,9:0.0} ms  p99 TPOT {probe.P99Tpot * 1e3,7:0.0} ms  {probe.OutputTokensPerSecond,10:0.0} output tok/s"));
}
