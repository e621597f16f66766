using Pipeline.Compiler;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;
using Pipeline.Plans;
using Pipeline.Plans.Rendering;
using Pipeline.Runner.Search;
using Pipeline.Serving.Accounting;

namespace Pipeline.Runner.Scenarios;

/// <summary>How a scenario comparison runs and reports as it goes.</summary>
/// <param name="Run">Seed, cancellation and planted executors for every run.</param>
/// <param name="ReadFile">Reads the files the experiment refers to (imports, traces); defaults to the file system.</param>
/// <param name="OnRun">Told about each scenario's run (Offline, SingleStream) as soon as it has run.</param>
/// <param name="OnProbe">Told about each probe of a peak search (Server, Interactive, the TPOT curve).</param>
public sealed record ScenarioComparisonOptions(
    RunOptions? Run = null,
    Func<string, string?>? ReadFile = null,
    Action<Scenario, RunResult>? OnRun = null,
    Action<Scenario, PeakProbe>? OnProbe = null);

/// <summary>A scenario report, or why it could not be made.</summary>
/// <param name="Report">The report, when every scenario ran.</param>
/// <param name="Diagnostics">Errors compiling or running the experiment under a scenario.</param>
/// <param name="Error">Why the comparison cannot apply to this experiment (e.g. no Poisson rate to search), if so.</param>
public sealed record ScenarioComparisonResult(ScenarioReport? Report, IReadOnlyList<Diagnostic> Diagnostics, string? Error);

/// <summary>
/// The hidden-bottleneck comparison: one deployment, compiled again under each of LoadGen's scenarios (as if its
/// <c>scenario</c> said so; <c>preset = mlperf</c> and <c>slo = mlperf</c> take that scenario's limits), run as
/// Offline, Server at its peak rate, Interactive at its peak rate and SingleStream; and the curve behind it, the peak
/// under a range of TPOT limits. Everything goes through the compiler and the runner; nothing here knows the numbers.
/// </summary>
public static class ScenarioComparison
{
    /// <summary>The four scenarios, in report order.</summary>
    public static IReadOnlyList<Scenario> Order { get; } = [Scenario.Offline, Scenario.Server, Scenario.Interactive, Scenario.SingleStream];

    /// <summary>Runs the four scenarios of the experiment.</summary>
    public static ScenarioComparisonResult Run(SourceText source, ScenarioComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new ScenarioComparisonOptions();
        var runOptions = options.Run ?? RunOptions.Default;
        var plans = new Dictionary<Scenario, ExperimentPlan>();
        foreach (var scenario in Order)
        {
            var compiled = ExperimentCompiler.CompileCell(source, [], options.ReadFile, scenario);
            if (!compiled.Success) return new ScenarioComparisonResult(null, compiled.Errors.ToArray(), null);
            plans[scenario] = compiled.Plan!;
        }
        foreach (var scenario in new[] { Scenario.Server, Scenario.Interactive })
        {
            if (PeakRateSearch.Unsuitable(plans[scenario]) is { } reason)
            {
                return new ScenarioComparisonResult(null, [], $"{Keyword(scenario)}: {reason}");
            }
        }

        var serverSlo = plans[Scenario.Server].Benchmark.Slo;
        var report = new object();
        ScenarioRow? RunScenario(Scenario scenario)
        {
            var plan = plans[scenario];
            if (runOptions.Cancellation.IsCancellationRequested) return null;
            if (scenario is Scenario.Server or Scenario.Interactive)
            {
                var probes = new ExperimentProbes(source, [], options.ReadFile, scenario);
                var search = PeakRateSearch.Find(plan, probes, runOptions, probe =>
                {
                    lock (report) options.OnProbe?.Invoke(scenario, probe);
                });
                var run = (search.Peak ?? search.Probes.OrderBy(p => p.Rate).First()).Result;
                return new ScenarioRow(scenario, run, plan.Benchmark.Slo, run.Metrics.Goodput, plan.Benchmark.Slo, search);
            }
            var single = ExperimentRunner.Run(plan, runOptions with { Progress = null });
            lock (report) options.OnRun?.Invoke(scenario, single);
            var goodput = single.Succeeded ? ServingMetrics.From(single.Timelines, serverSlo).Goodput : 0;
            return new ScenarioRow(scenario, single, plan.Benchmark.Slo, goodput, serverSlo, null);
        }

        var rows = InParallel(Order, RunScenario, Parallelism(plans[Scenario.Offline]));
        if (rows.FirstOrDefault(r => r is { Run.Succeeded: false }) is { } failed) return new ScenarioComparisonResult(null, failed.Run.Diagnostics, null);
        if (rows.Any(r => r is null)) return new ScenarioComparisonResult(null, [], ExperimentRunner.Interrupted);
        var first = plans[Scenario.Offline];
        return new ScenarioComparisonResult(new ScenarioReport(first.Name, Describe.Deployment(first.Execution.Deployment), rows!,
            runOptions.Seed ?? first.Benchmark.Workload.Seed), [], null);
    }

    /// <summary>
    /// Runs independent pieces side by side and returns their results in input order (each run is deterministic, so
    /// the order they finish in does not matter); execute mode runs one at a time, since its step times are measured.
    /// </summary>
    private static IReadOnlyList<T?> InParallel<TIn, T>(IReadOnlyList<TIn> inputs, Func<TIn, T?> work, int parallelism)
    {
        var results = new T?[inputs.Count];
        Parallel.For(0, inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i => results[i] = work(inputs[i]));
        return results;
    }

    private static int Parallelism(ExperimentPlan plan) =>
        plan.Benchmark.Mode == BenchmarkMode.Execute ? 1 : Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// The best the deployment does under each TPOT limit, the Server scenario's other limits unchanged: one peak-rate
    /// search per limit (side by side, each starting at <paramref name="start"/>), the limit replaced through the
    /// compiler (<c>slo.tpot.pNN</c>). A limit no rate meets gives a point with no peak. Points come tightest first.
    /// </summary>
    /// <param name="source">The experiment file (its Server limits must include a TPOT limit).</param>
    /// <param name="limits">TPOT limits, seconds.</param>
    /// <param name="start">The rate the first search starts at, requests per second.</param>
    /// <param name="options">As for <see cref="Run"/>.</param>
    public static IReadOnlyList<TpotCurvePoint> TpotCurve(SourceText source, IEnumerable<double> limits, double start, ScenarioComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(limits);
        options ??= new ScenarioComparisonOptions();
        var runOptions = options.Run ?? RunOptions.Default;
        var server = ExperimentCompiler.CompileCell(source, [], options.ReadFile, Scenario.Server);
        if (!server.Success) throw new InvalidOperationException("the experiment does not compile under the server scenario");
        var tpot = server.Plan!.Benchmark.Slo.Limits.FirstOrDefault(l => l.Metric == LatencyMetric.Tpot)
            ?? throw new InvalidOperationException("the server scenario has no TPOT limit to vary");
        var path = $"slo.tpot.p{tpot.Percentile.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var ordered = limits.Order().ToArray();
        var report = new object();
        TpotCurvePoint Point(double limit)
        {
            var probes = new ExperimentProbes(source, [new(path, limit)], options.ReadFile, Scenario.Server);
            var search = PeakRateSearch.Find(probes.At(start), probes, runOptions, probe =>
            {
                lock (report) options.OnProbe?.Invoke(Scenario.Server, probe);
            });
            return search.Peak is { } peak && peak.Result.Utilisation is { } u
                ? new TpotCurvePoint(limit, peak.Rate, peak.OutputTokensPerSecond, u.Mfu, u.PrefillMfu, u.DecodeMfu, u.Mbu, u.MeanDecodeBatch, peak.P99Tpot, peak.P99Ttft)
                : new TpotCurvePoint(limit, null, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        var points = InParallel(ordered, limit => runOptions.Cancellation.IsCancellationRequested ? null : Point(limit), Parallelism(server.Plan));
        return points.Where(p => p is not null).Select(p => p!).ToArray();
    }

    /// <summary>
    /// TPOT limits worth drawing for a report: <paramref name="count"/> limits spaced geometrically from 1.5 times the
    /// single stream's p99 TPOT (the fastest decode the deployment has: no rate meets a tighter limit, and rates low
    /// enough to come close issue too few queries for early stopping) to the Server limit.
    /// </summary>
    public static IReadOnlyList<double> DefaultTpotLimits(ScenarioReport report, int count = 8)
    {
        ArgumentNullException.ThrowIfNull(report);
        var server = report.Row(Scenario.Server).Slo.Limits.FirstOrDefault(l => l.Metric == LatencyMetric.Tpot)?.Limit;
        if (server is not { } high) return [];
        var low = Math.Min(high, report.Row(Scenario.SingleStream).P99Tpot * 1.5);
        if (count < 2 || low >= high) return [high];
        return Enumerable.Range(0, count).Select(i => low * Math.Pow(high / low, i / (double)(count - 1))).ToArray();
    }

    private static string Keyword(Scenario scenario) => scenario == Scenario.SingleStream ? "single-stream" : scenario.ToString().ToLowerInvariant();
}
