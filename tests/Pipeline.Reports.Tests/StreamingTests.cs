using System.Runtime.CompilerServices;
using Pipeline.Reports.Tests.TestData;

namespace Pipeline.Reports.Tests;

public sealed class StreamingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void A_latency_that_never_ended_is_written_to_result_json_as_null()
    {
        var plan = HandBuilt.Plan();
        var result = ExperimentRunner.Run(plan);
        var ttft = new LatencyStats(result.Metrics.Ttft.Sorted.Append(double.PositiveInfinity));
        var endless = result with { Metrics = result.Metrics with { Ttft = ttft, Duration = double.NaN } };

        var json = System.Text.Json.JsonDocument.Parse(ResultJson.ToJson(endless)).RootElement;

        json.GetProperty("p99_ttft_ms").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("duration").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("median_ttft_ms").GetDouble().Should().Be(ttft.Median * 1000);
    }

    [Fact]
    public void A_run_that_keeps_no_timelines_is_reported_in_full_with_the_same_metrics()
    {
        var plan = HandBuilt.Plan();
        var kept = ExperimentRunner.Run(plan);
        using var reporter = RunReporter.Create(_folder.Path, plan, new RunIdentity(3, null, []));
        var streamed = ExperimentRunner.Run(plan, new RunOptions(Observers: [reporter], KeepTimelines: false));
        reporter.Complete(streamed);

        streamed.Timelines.Should().BeEmpty();
        kept.Timelines.Should().HaveCount(5);
        File.ReadAllLines(_folder.File(ReportFiles.Requests)).Should().HaveCount(1 + kept.Timelines.Count);
        // The metrics accumulated as requests finished equal those computed afterwards from every timeline.
        var fromTimelines = kept with { Metrics = ServingMetrics.From(kept.Timelines, plan.Benchmark.Slo), WallSeconds = 0 };
        ResultJson.ToJson(streamed with { WallSeconds = 0 }).Should().Be(ResultJson.ToJson(fromTimelines));
    }

    [Fact]
    public void The_reporter_holds_no_timeline_once_it_has_written_it()
    {
        using var reporter = RunReporter.Create(_folder.Path, HandBuilt.Plan(), new RunIdentity(3, null, []));
        var written = Feed(reporter);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        written.Should().OnlyContain(w => !w.IsAlive, "a reporter that kept timelines would need them all in memory");
        reporter.RequestRows.Should().Be(5);
    }

    // Not inlined, so no timeline stays referenced from this frame.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference[] Feed(RunReporter reporter)
    {
        var timelines = HandBuilt.Timelines();
        foreach (var timeline in timelines) reporter.OnRequestFinished(timeline);
        return timelines.Select(t => new WeakReference(t)).ToArray();
    }

    public void Dispose() => _folder.Dispose();
}
