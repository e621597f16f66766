using System.Globalization;
using Pipeline.Compiler;
using Pipeline.Core.Text;
using Pipeline.Serving.Observation;

namespace Pipeline.Runner.Tests.Regression;

/// <summary>
/// The simulator's speed work must not change a single decision: fixed-seed simulate runs reproduce, bit for bit, the
/// summaries and the timeline digests recorded from main (commit 8b8b583) before any of that work. The expected
/// values are those recorded outputs, not derived from the code under test. The recordings predate
/// <c>stream_overhead</c> (the host's cost of a streamed token, a model change, not speed work), so these runs pin it
/// to 0: with it off, nothing may differ.
/// </summary>
public sealed class SimulatorRegressionTests
{
    private static readonly string Root = FindRoot();

    [Theory]
    [InlineData("mlperf/h200-server.pipe", "server", 3000,
        "arrived 3000 completed 3000 preemptions 0 out 874731 dur 52.40318515159651 ttft99 0.16041380609448552 tpot99 0.049490606869159876 itl99 0.11262849527691188 e2e50 8.699771477743397 digest 4CCC283B9759AFA4")]
    [InlineData("mlperf/h200-server.pipe", "offline", 3000,
        "arrived 3000 completed 3000 preemptions 0 out 874731 dur 40.61855676746758 ttft99 10.336888493209376 tpot99 0.1976333279595815 itl99 0.3735486976365987 e2e50 20.895206628087276 digest 666B2DB68CF43EAA")]
    [InlineData("disaggregated-llama-2-70b.pipe", "server", 400,
        "arrived 400 completed 400 preemptions 0 out 103420 dur 101.17514058274737 ttft99 0.17576547720337743 tpot99 0.02376614411868675 itl99 0.02373068863853689 e2e50 5.375743748848574 digest 58BA7EAC1102F7D5")]
    [InlineData("mlperf-llama-2-70b-server.pipe", "server", 1500,
        "arrived 1500 completed 1500 preemptions 0 out 399765 dur 789.686975922494 ttft99 0.15547641332858575 tpot99 0.03120417572566301 itl99 0.06535877704678228 e2e50 6.44155072297832 digest 839AC7590C9EDD2A")]
    public void A_fixed_seed_example_run_matches_the_summary_recorded_before_the_speed_work(string file, string scenario, int requests, string expected)
    {
        var plan = Compile(file, scenario, requests);
        Summary(ExperimentRunner.Run(plan)).Should().Be(expected);
    }

    [Theory]
    [InlineData(PreemptionMode.Swap, BatchingPolicy.Continuous, PrefillSchedule.Mixed,
        "arrived 300 completed 300 preemptions 172 out 24301 dur 14.113299079099757 ttft99 10.000553283454297 tpot99 0.010915631488272126 itl99 0.004114461341526265 e2e50 5.41361878718188 digest 2B1BDD3B65DAC6B2")]
    [InlineData(PreemptionMode.Recompute, BatchingPolicy.Continuous, PrefillSchedule.Separate,
        "arrived 300 completed 300 preemptions 179 out 24301 dur 14.650501598769539 ttft99 10.545523865933514 tpot99 0.010369001805217794 itl99 0.006811232339888562 e2e50 5.705050357478056 digest AC291D20F87D85C3")]
    [InlineData(PreemptionMode.Recompute, BatchingPolicy.Chunked, PrefillSchedule.Mixed,
        "arrived 300 completed 300 preemptions 172 out 24301 dur 14.13125969882599 ttft99 10.018854721893437 tpot99 0.010953478334683592 itl99 0.004104413512903804 e2e50 5.42307190451629 digest 520E139B2ED0D6C0")]
    [InlineData(PreemptionMode.Recompute, BatchingPolicy.Static, PrefillSchedule.Mixed,
        "arrived 300 completed 300 preemptions 0 out 24301 dur 34.93060327759632 ttft99 30.638048508794864 tpot99 0.0027696617399614624 itl99 0.002770617598823577 e2e50 15.92080785024277 digest 259608423C2C0EEB")]
    public void A_tight_cache_run_with_preemptions_matches_the_summary_recorded_before_the_speed_work(
        PreemptionMode preemption, BatchingPolicy policy, PrefillSchedule schedule, string expected)
    {
        // 64 blocks of 16 tokens (1,024 tokens) for up to 64 requests of 128 + 96 tokens: the cache runs out and requests are preempted.
        var plan = new TestPlan
        {
            Accelerator = TestPlan.H100 with { Cost = TestPlan.H100.Cost with { StreamOverhead = 0 } },
            Preemption = preemption, Policy = policy, PrefillSchedule = schedule, KvBlocks = 64, MaxBatchedTokens = 1024,
            Workload = new WorkloadPlan(new PoissonArrivals(80), new UniformLength(16, 256), new UniformLength(8, 160), 300, null, 11),
        }.Experiment();
        Summary(ExperimentRunner.Run(plan)).Should().Be(expected);
    }

    [Fact]
    public void A_streamed_run_measures_what_a_kept_run_measures()
    {
        var plan = Compile("mlperf/h200-server.pipe", "server", 1000);
        var kept = ExperimentRunner.Run(plan);
        var seen = new List<RequestTimeline>();
        var streamed = ExperimentRunner.Run(plan, new RunOptions(KeepTimelines: false, Observers: [new Collect(seen)]));
        streamed.Timelines.Should().BeEmpty();
        Metrics(streamed.Metrics).Should().Be(Metrics(kept.Metrics));
        TimelineDigest.Of(seen).Should().Be(TimelineDigest.Of(kept.Timelines));
        // Nobody reads timelines here, so they are recorded without their steps: the metrics must not notice.
        Metrics(ExperimentRunner.Run(plan, new RunOptions(KeepTimelines: false)).Metrics).Should().Be(Metrics(kept.Metrics));
    }

    private static ExperimentPlan Compile(string file, string scenario, int requests)
    {
        var path = Path.Combine(Root, "examples", file);
        var settings = new KeyValuePair<string, double>[] { new("workload.requests", requests), new("benchmark.min_queries", requests) };
        // Both built-ins the files name, declared over themselves with the stream overhead off.
        var text = File.ReadAllText(path) + "\naccelerator h200 { cost { stream_overhead = 0 us } }\naccelerator h100-sxm { cost { stream_overhead = 0 us } }\n";
        var compiled = ExperimentCompiler.CompileCell(new SourceText(path, text), settings, scenario: scenario == "offline" ? Scenario.Offline : null);
        compiled.Success.Should().BeTrue(string.Join("\n", compiled.Errors));
        return compiled.Plan!;
    }

    private static string Summary(RunResult result) =>
        string.Create(CultureInfo.InvariantCulture, $"{Metrics(result.Metrics)} digest {TimelineDigest.Of(result.Timelines)}");

    private static string Metrics(ServingMetrics m) => string.Create(CultureInfo.InvariantCulture,
        $"arrived {m.Arrived} completed {m.Completed} preemptions {m.Preemptions} out {m.OutputTokens} dur {m.Duration:R} "
        + $"ttft99 {m.Ttft.LoadGenPercentile(99):R} tpot99 {m.Tpot.LoadGenPercentile(99):R} itl99 {m.Itl.P99:R} e2e50 {m.E2e.Median:R}");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pipeline.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("Pipeline.sln not found above the test output folder.");
    }

    private sealed class Collect(List<RequestTimeline> seen) : IServingObserver
    {
        public void OnStep(WorkerStepRecord step)
        {
        }

        public void OnKvTransfer(KvTransferRecord transfer)
        {
        }

        public void OnRequestFinished(RequestTimeline timeline) => seen.Add(timeline);
    }
}
