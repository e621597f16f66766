using System.Globalization;
using Pipeline.Plans;

namespace Pipeline.Runner.Search;

/// <summary>
/// Finds MLPerf's Server figure: the highest Poisson arrival rate whose run is VALID. Starting from the workload's
/// rate it brackets (doubling while runs are VALID, halving while they are INVALID), then bisects until the lowest
/// INVALID rate is within the tolerance above the highest VALID one, as LoadGen's FindPeakPerformance mode does. Every
/// probe uses the same seed (the same uniform draws, so arrival times scale with the rate), and is compiled again with
/// its rate (<see cref="ExperimentProbes"/>), as a sweep cell is.
/// </summary>
public static class PeakRateSearch
{
    /// <summary>Most runs one search makes.</summary>
    public const int MaxProbes = 40;

    /// <summary>How many times the bracket may double or halve the starting rate (a factor of 4096 either way).</summary>
    public const int MaxBracketSteps = 12;

    /// <summary>Searches an experiment: each probe is the plan compiled again at its rate, then run with <paramref name="options"/>.</summary>
    /// <param name="plan">The experiment as compiled (its <see cref="BenchmarkPlan.Search"/> gives the tolerance, or the default).</param>
    /// <param name="probes">Compiles the experiment at a rate (the same sweep cell).</param>
    /// <param name="options">Seed, cancellation and planted executors, as for one run (progress is not reported per probe).</param>
    /// <param name="onProbe">Told about each probe as soon as it has run.</param>
    public static PeakSearchResult Find(ExperimentPlan plan, ExperimentProbes probes, RunOptions? options = null, Action<PeakProbe>? onProbe = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(probes);
        options ??= RunOptions.Default;
        if (StartRate(plan) is not { } start)
        {
            throw new ArgumentException("A peak-rate search needs Poisson arrivals or a trace with a span (the compiler checks this: PL0422).", nameof(plan));
        }
        var tolerance = plan.Benchmark.Search?.Tolerance ?? PeakSearchPlan.DefaultTolerance;
        var runOptions = options with { Progress = null };
        return Find(rate => ExperimentRunner.Run(probes.At(rate), runOptions), start, tolerance, onProbe, options.Cancellation);
    }

    /// <summary>The search itself, over any way of running at a rate (tests plant a known capacity here).</summary>
    /// <param name="run">Runs the experiment at a rate.</param>
    /// <param name="start">The first rate tried.</param>
    /// <param name="tolerance">Stop when the lowest INVALID rate is at most this fraction above the highest VALID one.</param>
    /// <param name="onProbe">Told about each probe as soon as it has run.</param>
    /// <param name="cancellation">Stops the search after the current probe (the result says it was interrupted).</param>
    public static PeakSearchResult Find(Func<double, RunResult> run, double start, double tolerance,
        Action<PeakProbe>? onProbe = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!(start > 0) || double.IsInfinity(start)) throw new ArgumentOutOfRangeException(nameof(start), start, "a positive rate");
        if (!(tolerance > 0 && tolerance < 1)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "a fraction in (0, 1)");
        var probes = new List<PeakProbe>();
        PeakProbe? best = null;
        double? lowestInvalid = null;
        string? failure = null;

        bool Probe(double rate)
        {
            var result = run(rate);
            var probe = new PeakProbe(rate, result);
            if (probe.Valid && (best is null || rate > best.Rate))
            {
                if (best is not null) Slim(probes, best);
                best = probe;
            }
            if (!probe.Valid) lowestInvalid = Math.Min(lowestInvalid ?? double.PositiveInfinity, rate);
            probes.Add(probe);
            if (!ReferenceEquals(best, probe)) Slim(probes, probe);
            onProbe?.Invoke(probe);
            return probe.Valid;
        }

        bool Stopped()
        {
            if (cancellation.IsCancellationRequested) failure ??= ExperimentRunner.Interrupted;
            else if (probes.Count >= MaxProbes) failure ??= Invariant($"stopped after {MaxProbes} probes");
            return failure is not null;
        }

        // Bracket.
        var rate = start;
        if (Probe(rate))
        {
            for (var step = 0; lowestInvalid is null && !Stopped(); step++)
            {
                if (step == MaxBracketSteps)
                {
                    failure = Invariant($"every rate up to {rate:0.###} req/s was VALID: the limits never broke");
                    break;
                }
                rate *= 2;
                Probe(rate);
            }
        }
        else
        {
            for (var step = 0; best is null && !Stopped(); step++)
            {
                if (step == MaxBracketSteps)
                {
                    failure = Invariant($"no rate down to {rate:0.######} req/s was VALID");
                    break;
                }
                rate /= 2;
                Probe(rate);
            }
        }

        // Bisect between the highest VALID and the lowest INVALID rate.
        while (failure is null && best is not null && lowestInvalid is { } high && high > best.Rate * (1 + tolerance) && !Stopped())
        {
            Probe((best.Rate + high) / 2);
        }
        return new PeakSearchResult(probes, best, lowestInvalid, tolerance, failure);
    }

    /// <summary>
    /// Why a compiled run cannot be searched (the compiler's PL0421-PL0423 rules, for a search asked on the command line),
    /// or null when it can.
    /// </summary>
    public static string? Unsuitable(ExperimentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var benchmark = plan.Benchmark;
        if (benchmark.Scenario is not (Scenario.Server or Scenario.Interactive))
        {
            return $"a peak-rate search needs the server or interactive scenario, not {(benchmark.Scenario == Scenario.SingleStream ? "single-stream" : "offline")}";
        }
        if (benchmark.Workload.Arrivals is not (PoissonArrivals or TraceArrivals))
        {
            return "a peak-rate search varies the arrival rate, but the workload's arrivals are neither Poisson nor a trace";
        }
        if (StartRate(plan) is null)
        {
            return "a peak-rate search varies the arrival rate, but every row of the trace arrives at the same time, so it has no rate to vary";
        }
        if (benchmark.Sweep?.Axes.FirstOrDefault(a => a.Setting is ExperimentProbes.RatePath or ExperimentProbes.SpeedPath) is { } swept)
        {
            return $"a peak-rate search varies the arrival rate, but `{swept.Setting}` is also swept";
        }
        return benchmark.Slo.Limits.Count == 0 ? "a peak-rate search needs latency limits: without them no rate is INVALID" : null;
    }

    /// <summary>
    /// Where a search starts: the Poisson rate, or a trace's mean rate at its speed (a probe at rate R replays the trace
    /// at the speed that gives R); null for other arrivals or a trace whose rows all arrive at once.
    /// </summary>
    public static double? StartRate(ExperimentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Benchmark.Workload.Arrivals switch
        {
            PoissonArrivals poisson => poisson.Rate,
            TraceArrivals trace => trace.MeanRate,
            _ => null,
        };
    }

    /// <summary>Keeps a probe's figures but not its timelines (only the peak's are kept).</summary>
    private static void Slim(List<PeakProbe> probes, PeakProbe probe)
    {
        var index = probes.IndexOf(probe);
        var slim = probe with { Result = probe.Result with { Timelines = [] } };
        if (index >= 0) probes[index] = slim;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
