using System.Globalization;
using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Runner;
using Pipeline.Runner.Search;
using Pipeline.Serving.Observation;

namespace Pipeline.Cli.Commands.Run;

/// <summary>
/// <c>pipeline run FILE --peak</c> (or <c>search = peak_rate</c> in the file): runs the runner's peak-rate search for
/// one run of the file, prints every probe as it finishes, writes <c>peak.csv</c> into the run's report folder, then
/// runs the peak's rate once more with the reports attached (runs are deterministic: the same run) and returns it; when
/// the search found no peak, the run closest to one, marked INVALID with the reason.
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

    public static RunResult Run(SourceText source, CompilationResult compiled, int index, int? seed, string? folder,
        IReadOnlyList<IServingObserver> observers, CliOutput output)
    {
        var plan = compiled.Runs[index];
        var tolerance = plan.Benchmark.Search?.Tolerance ?? Plans.PeakSearchPlan.DefaultTolerance;
        var start = ((Plans.PoissonArrivals)plan.Benchmark.Workload.Arrivals).Rate;
        var c = CultureInfo.InvariantCulture;
        output.Out.WriteLine(string.Create(c, $"peak search: {ExperimentProbes.RatePath} from {start:0.###} req/s, tolerance {tolerance * 100:0.##}%"));
        var options = new RunOptions(seed, Cancellation: output.Interrupt, KeepTimelines: false);
        var probes = ExperimentProbes.ForRun(source, compiled, index);
        var result = PeakRateSearch.Find(plan, probes, options, probe => Print(probe, output.Out));
        var peak = result.Peak;
        if (result.Found)
        {
            output.Out.WriteLine(string.Create(c,
                $"peak       {peak!.Rate:0.###} req/s VALID; the lowest INVALID rate probed, {result.LowestInvalid:0.###} req/s, is within {tolerance * 100:0.##}%"));
        }
        else
        {
            output.Out.WriteLine($"peak       not found: {result.Failure}");
        }
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "peak.csv");
            using (var writer = new StreamWriter(path)) PeakSearchCsv.Write(result, writer);
            output.Out.WriteLine($"wrote {path}");
        }
        var rate = (peak ?? result.Probes.OrderBy(p => p.Rate).First()).Rate;
        var run = ExperimentRunner.Run(probes.At(rate), options with { Observers = observers });
        return result.Found ? run : run with { InvalidReasons = [.. run.InvalidReasons ?? [], $"peak search: {result.Failure ?? "no VALID rate"}"] };
    }

    private static void Print(PeakProbe probe, TextWriter writer) => writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"probe      {probe.Rate,10:0.000} req/s  {(probe.Valid ? "VALID  " : "INVALID")}  p99 TTFT {probe.P99Ttft * 1e3,9:0.0} ms  p99 TPOT {probe.P99Tpot * 1e3,7:0.0} ms  {probe.OutputTokensPerSecond,10:0.0} output tok/s"));
}
