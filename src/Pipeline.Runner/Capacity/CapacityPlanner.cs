using System.Globalization;
using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Plans;
using Pipeline.Plans.Capacity;
using Pipeline.Runner.Search;

namespace Pipeline.Runner.Capacity;

/// <summary>
/// Answers "what is the cheapest deployment that meets my SLOs at my traffic?" for an experiment with a
/// <c>capacity { }</c> block, in simulate mode. Each candidate is compiled through the compiler with its settings
/// (<see cref="ExperimentCompiler.CompileCandidate"/>); one that does not compile is infeasible; one whose roofline
/// bound (<see cref="RooflineBound"/>) is below the traffic is pruned (no VALID rate reaches the traffic, so it
/// cannot be the answer); the rest get a peak-rate search from the traffic's rate (<see cref="PeakRateSearch"/>).
/// A candidate meets the traffic when its peak is at least the traffic's rate. A trace's rate is its mean rate, and
/// its probes replay the same rows faster or slower (the compiler sets the trace's speed from the probe's rate), so
/// the first probe is the trace as recorded and a candidate meets the trace exactly when that replay is VALID.
/// <see cref="Evaluate"/> is a function
/// of (experiment text, candidate index, options) alone, so candidates can run as independent units of work.
/// </summary>
public static class CapacityPlanner
{
    /// <summary>Every candidate of the experiment, in index order.</summary>
    /// <param name="source">The experiment file, with a <c>capacity { }</c> block.</param>
    /// <param name="options">Seed, pruning, cancellation.</param>
    /// <returns>The report; its diagnostics hold the errors when the file does not compile (then it has no candidates).</returns>
    /// <exception cref="ArgumentException">The experiment has no <c>capacity { }</c> block (callers check <see cref="HasCapacity"/>).</exception>
    public static CapacityReport Run(SourceText source, CapacityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= CapacityOptions.Default;
        var compiled = ExperimentCompiler.Compile(source, options.ReadFile);
        if (!compiled.Success) return new CapacityReport(string.Empty, 0, [], compiled.Diagnostics);
        var plan = compiled.Plan!;
        var capacity = plan.Capacity ?? throw new ArgumentException("The experiment has no capacity block.", nameof(source));
        var results = new List<CandidateResult>();
        foreach (var candidate in capacity.Candidates)
        {
            if (options.Cancellation.IsCancellationRequested) break;
            var result = EvaluateIn(source, capacity, candidate.Index, options);
            results.Add(result);
            options.OnCandidate?.Invoke(result);
        }
        return new CapacityReport(plan.Name, Traffic(plan), results, compiled.Diagnostics, options.Seed ?? plan.Benchmark.Workload.Seed, TraceOf(plan));
    }

    /// <summary>True when a compiled experiment has a capacity block.</summary>
    public static bool HasCapacity(CompilationResult compiled) => compiled?.Plan?.Capacity is not null;

    /// <summary>One candidate, from the experiment text and its index alone.</summary>
    /// <exception cref="ArgumentException">The text does not compile to a capacity plan with that candidate.</exception>
    public static CandidateResult Evaluate(SourceText source, int index, CapacityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= CapacityOptions.Default;
        var capacity = ExperimentCompiler.Compile(source, options.ReadFile).Plan?.Capacity
            ?? throw new ArgumentException("The experiment does not compile to a capacity plan.", nameof(source));
        return EvaluateIn(source, capacity, index, options);
    }

    /// <summary>Candidate <paramref name="index"/> of <paramref name="capacity"/>, the capacity plan <paramref name="source"/> compiles to.</summary>
    internal static CandidateResult EvaluateIn(SourceText source, CapacityPlan capacity, int index, CapacityOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, capacity.Candidates.Count);
        var candidate = capacity.Candidates[index];
        var compiled = ExperimentCompiler.CompileCandidate(source, candidate, null, options.ReadFile);
        if (!compiled.Success)
        {
            var error = compiled.Errors.First();
            return Unsearched(candidate, "-", 0, 0, CandidateOutcome.Infeasible, $"{error.Code} {error.Message}", double.NaN);
        }
        var plan = compiled.Plan!;
        var pools = plan.Execution.Deployment.Pools;
        var rents = Describe(pools);
        var count = pools.Sum(p => p.Workers * p.AcceleratorsPerWorker);
        if (pools.FirstOrDefault(p => p.Accelerator.Price is null) is { } unpriced)
        {
            return Unsearched(candidate, rents, count, 0, CandidateOutcome.Infeasible, $"accelerator `{unpriced.Accelerator.Name}` has no price", double.NaN);
        }
        var cost = pools.Sum(p => p.Workers * p.AcceleratorsPerWorker * p.Accelerator.Price!.UsdPerHour);
        var traffic = Traffic(plan);
        var bound = RooflineBound.PeakRate(plan, options.Seed);
        if (options.Prune && bound < traffic)
        {
            return Unsearched(candidate, rents, count, cost, CandidateOutcome.Pruned,
                string.Create(CultureInfo.InvariantCulture, $"roofline bound {bound:0.###} req/s is below the traffic"), bound);
        }
        var runOptions = new RunOptions(options.Seed, Cancellation: options.Cancellation, KeepTimelines: false);
        var tolerance = plan.Benchmark.Search?.Tolerance ?? PeakSearchPlan.DefaultTolerance;
        PeakSearchResult search;
        try
        {
            search = PeakRateSearch.Find(rate => ExperimentRunner.Run(At(source, candidate, rate, options), runOptions), traffic, tolerance, cancellation: options.Cancellation);
        }
        catch (CandidateDoesNotCompileException e)
        {
            return Unsearched(candidate, rents, count, cost, CandidateOutcome.Searched, e.Message, bound);
        }
        var peak = search.Peak;
        return new CandidateResult(candidate.Index, candidate.Label, rents, count, cost, CandidateOutcome.Searched, search.Failure, bound,
            peak?.Rate, peak?.Result.Metrics.Goodput, peak?.OutputTokensPerSecond, search.Probes.Count, peak is not null && peak.Rate >= traffic);
    }

    private static ExperimentPlan At(SourceText source, CapacityCandidate candidate, double rate, CapacityOptions options)
    {
        var compiled = ExperimentCompiler.CompileCandidate(source, candidate, rate, options.ReadFile);
        if (compiled.Success) return compiled.Plan!;
        var error = compiled.Errors.First();
        throw new CandidateDoesNotCompileException(string.Create(CultureInfo.InvariantCulture, $"at {rate:0.###} req/s: {error.Code} {error.Message}"));
    }

    private static CandidateResult Unsearched(CapacityCandidate candidate, string rents, int count, double cost, CandidateOutcome outcome, string reason, double bound) =>
        new(candidate.Index, candidate.Label, rents, count, cost, outcome, reason, bound, null, null, null, 0, false);

    /// <summary>The rate to meet: the Poisson rate, or a trace's mean rate at its speed (infinite when every row arrives at once).</summary>
    internal static double Traffic(ExperimentPlan plan) => plan.Benchmark.Workload.Arrivals switch
    {
        PoissonArrivals poisson => poisson.Rate,
        TraceArrivals trace => trace.MeanRate ?? double.PositiveInfinity,
        var other => throw new ArgumentException($"A capacity plan's traffic is a Poisson rate or a trace, not {other} (the compiler checks this: PL0422).", nameof(plan)),
    };

    /// <summary>
    /// A trace as the traffic, described by its file name (<c>trace("day.csv"), 120 rows over 59.5 s</c>: the plan's path
    /// depends on the folder the command ran from); null for a Poisson rate.
    /// </summary>
    internal static string? TraceOf(ExperimentPlan plan) => plan.Benchmark.Workload.Arrivals is TraceArrivals { Summary: { } summary } trace
        ? string.Create(CultureInfo.InvariantCulture, $"trace(\"{Path.GetFileName(trace.Path)}\"{(trace.Speed == 1 ? "" : $", speed: {trace.Speed:0.###}")}), {summary.Rows} rows over {summary.LastArrival / trace.Speed:0.###} s")
        : null;

    private static string Describe(IReadOnlyList<WorkerPoolPlan> pools) => string.Join(" + ", pools.Select(p =>
        (p.Role == PoolRole.Colocated ? string.Empty : p.Role.ToString().ToLowerInvariant() + " ") + $"{p.Workers * p.AcceleratorsPerWorker} x {p.Accelerator.Name}"));

    /// <summary>A probe's rate the candidate does not compile at (a run too large, arrivals spread too thin): the search stops there.</summary>
    private sealed class CandidateDoesNotCompileException(string message) : Exception(message);
}
