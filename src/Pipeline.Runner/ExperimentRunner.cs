using System.Diagnostics;
using System.Globalization;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Text;
using Pipeline.Engine;
using Pipeline.Plans;
using Pipeline.Plans.Rendering;
using Pipeline.Runner.Internal;
using Pipeline.Serving.Accounting;
using Pipeline.Serving.Execution;
using Pipeline.Serving.LoadGeneration;
using Pipeline.Serving.Loop;

namespace Pipeline.Runner;

/// <summary>
/// Runs a compiled experiment: puts the benchmark scenario's load generator (LoadGen's Offline, Server, Interactive or
/// SingleStream) in front of one scheduler per worker of its deployment and serves the queries on the discrete-event
/// loop, then judges the run as LoadGen would (<see cref="RunValidity"/>). <see cref="BenchmarkMode.Execute"/> runs each worker's steps on
/// a real engine (the accelerator's local backend, <see cref="LocalBackend.Auto"/> by default) and advances the
/// loop's timeline by each step's measured duration; <see cref="BenchmarkMode.Simulate"/> predicts durations with
/// the roofline cost model. Both share the scheduler, the loop and the metrics.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>Diagnostic code: the model's weights could not be loaded.</summary>
    public const string WeightsUnavailable = "PLR001";

    /// <summary>Diagnostic code: the local backend could not be created (e.g. CUDA asked for without a GPU).</summary>
    public const string BackendUnavailable = "PLR002";

    /// <summary>Diagnostic code: an executed run's workers would hold more than this machine's memory (before any is built).</summary>
    public const string HostMemoryShort = "PLR003";

    /// <summary>Why a run stopped when its <see cref="RunOptions.Cancellation"/> was cancelled (Ctrl-C in the CLI).</summary>
    public const string Interrupted = "interrupted";

    /// <summary>Runs the experiment. User errors come back as <see cref="RunResult.Diagnostics"/>; exceptions are bugs.</summary>
    public static RunResult Run(ExperimentPlan plan, RunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        options ??= RunOptions.Default;
        var watch = Stopwatch.StartNew();
        var execution = plan.Execution;
        var workloadPlan = options.Seed is { } seed ? plan.Benchmark.Workload with { Seed = seed } : plan.Benchmark.Workload;
        var vocabulary = execution.Model.Architecture.Vocab;
        var minimums = new LoadMinimums(plan.Benchmark.MinQueryCount, plan.Benchmark.Duration);
        var (load, workloadDiagnostics) = LoadGenerators.For(plan.Benchmark.Scenario, workloadPlan, vocabulary, minimums: minimums);
        if (load is null)
        {
            return Failed(plan, workloadDiagnostics, watch);
        }

        IReadOnlyList<ServingWorker> workers;
        if (options.Executors is { } planted)
        {
            workers = ServingDeployment.CreateWorkers(execution, planted);
        }
        else if (plan.Benchmark.Mode == BenchmarkMode.Execute)
        {
            var footprint = WorkloadFootprint.Of(plan.Benchmark.Scenario, workloadPlan, vocabulary, plan.Benchmark.MinQueryCount);
            if (EngineWorkers.HostMemoryShortfall(execution, footprint) is { } shortfall)
            {
                return Failed(plan, [Error(plan, HostMemoryShort, shortfall)], watch);
            }
            ModelWeights weights;
            try
            {
                weights = ModelWeightsLoader.Load(execution.Model);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or GgufFormatException or ArgumentException)
            {
                return Failed(plan, [Error(plan, WeightsUnavailable, $"cannot load the weights of model '{execution.Model.Name}': {e.Message}")], watch);
            }
            try
            {
                workers = EngineWorkers.Create(execution, weights, footprint);
            }
            catch (InvalidOperationException e)
            {
                return Failed(plan, [Error(plan, BackendUnavailable, $"cannot start the local backend: {e.Message}")], watch);
            }
        }
        else
        {
            workers = ServingDeployment.CreateSimulatedWorkers(execution, plan.Benchmark.Scenario.StreamsTokens());
        }

        try
        {
            // The metrics builder observes first, so the metrics never need the timelines kept.
            var metricsBuilder = new ServingMetricsBuilder(plan.Benchmark.Slo);
            var meter = new UtilisationMeter(execution);
            var loopOptions = new ServingLoopOptions(
                options.Progress is { } progress
                    ? p => progress.Report(new RunProgress(p.Done, p.Total, p.Time > 0 ? p.OutputTokens / p.Time : 0))
                    : null,
                () => StopReason(options, watch) ?? QueryBound(plan.Benchmark, load, options.SingleStreamQueries),
                [metricsBuilder, meter, .. options.Observers ?? []],
                options.KeepTimelines,
                // Steps in timelines are for whoever reads timelines; the metrics and the meter do not.
                RecordSteps: options.KeepTimelines || options.Observers is { Count: > 0 });
            var run = new ServingLoop(workers, execution.Deployment.Routing, execution.Deployment.Dispatch).Run(load, loopOptions);
            var metrics = metricsBuilder.Build();
            var verdict = RunValidity.Judge(plan.Benchmark, metrics, run.AbortReason);
            return new RunResult(
                plan.Name, plan.Benchmark.Mode, Describe.Policy(execution.Batching), Describe.Deployment(execution.Deployment),
                Device(workers), run.Timelines, metrics, [], run.AbortReason,
                watch.Elapsed.TotalSeconds, verdict.Reasons, verdict, meter.Result(metrics.Duration));
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Executor.Dispose();
            }
        }
    }

    private static string? StopReason(RunOptions options, Stopwatch watch)
    {
        if (options.Cancellation.IsCancellationRequested)
        {
            return Interrupted;
        }
        return options.MaxWallClock is { } limit && watch.Elapsed > limit
            ? string.Create(CultureInfo.InvariantCulture, $"the wall-clock limit of {limit.TotalSeconds:0.###} s was reached")
            : null;
    }

    /// <summary>
    /// A single-stream run issues queries for as long as its duration asks, however short each is, so the compiler cannot
    /// size it: it stops at the mode's request bound, as every other run is held to it before it starts.
    /// </summary>
    private static string? QueryBound(BenchmarkPlan benchmark, ILoadGenerator load, int? given)
    {
        var bound = given ?? RunLimits.Of(benchmark.Mode).Requests;
        return benchmark.Scenario == Scenario.SingleStream && load.Issued >= bound
            ? string.Create(CultureInfo.InvariantCulture, $"single-stream stopped at {bound:#,0} queries, the most a{(benchmark.Mode == BenchmarkMode.Execute ? "n executed" : " simulated")} run makes, before its duration was covered")
            : null;
    }

    private static string Device(IReadOnlyList<ServingWorker> workers)
    {
        var devices = workers.Select(w => w.Executor.Device).Distinct().ToArray();
        var count = workers.Count == 1 ? "1 worker" : string.Create(CultureInfo.InvariantCulture, $"{workers.Count} workers");
        return $"{string.Join("; ", devices)} ({count})";
    }


    private static Diagnostic Error(ExperimentPlan plan, string code, string message)
    {
        var source = File.Exists(plan.SourcePath) ? SourceText.FromFile(plan.SourcePath) : new SourceText(plan.SourcePath, string.Empty);
        return new Diagnostic(code, DiagnosticSeverity.Error, message, source, new TextSpan(0, 0));
    }

    private static RunResult Failed(ExperimentPlan plan, IReadOnlyList<Diagnostic> diagnostics, Stopwatch watch) => new(
        plan.Name, plan.Benchmark.Mode, Describe.Policy(plan.Execution.Batching), Describe.Deployment(plan.Execution.Deployment),
        "none", [], ServingMetrics.From([], plan.Benchmark.Slo), diagnostics, null, watch.Elapsed.TotalSeconds);
}
