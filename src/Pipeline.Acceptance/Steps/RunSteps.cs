using System.Globalization;
using Pipeline.Acceptance.Drivers;
using Pipeline.Acceptance.Internal;
using Pipeline.Serving.Accounting;
using Reqnroll;

namespace Pipeline.Acceptance.Steps;

/// <summary>
/// Steps that run the experiment and judge its metrics: absolute limits (<c>the p99 TTFT is below 500 ms</c>) and
/// ratios to another run (<c>the throughput is at least 1.3 times that of "static"</c>).
/// Latencies are in ms or s; <c>throughput</c> is output tokens per second.
/// </summary>
[Binding]
public sealed class RunSteps(RunDriver runs)
{
    /// <summary><c>When it runs</c>: runs the experiment (with the scenario's changes) in its benchmark mode.</summary>
    [When("it runs")]
    public void WhenItRuns() => runs.Run();

    /// <summary><c>When it runs as "static"</c>: runs it and names the run for later comparisons.</summary>
    [When("it runs as {string}")]
    public void WhenItRunsAs(string name) => runs.Run(name);

    /// <summary><c>Then the p99 TTFT is below 500 ms</c> (statistics: pNN, mean, median, max; metrics: TTFT, TPOT, ITL, E2E).</summary>
    [Then(@"^the " + MetricSelector.StatisticPattern + " " + MetricSelector.LatencyPattern + @" is (below|at most|above|at least) ([0-9.]+) (ms|s)$")]
    public void ThenTheLatencyIs(string statistic, string metric, string comparison, double value, string unit)
    {
        var observed = MetricSelector.Latency(runs.Latest.Metrics, statistic, metric);
        var limit = MetricSelector.Seconds(value, unit);
        var because = $"the {statistic} {metric} was {MetricSelector.Format(observed)}";
        _ = comparison switch
        {
            "below" => observed.Should().BeLessThan(limit, because),
            "at most" => observed.Should().BeLessThanOrEqualTo(limit, because),
            "above" => observed.Should().BeGreaterThan(limit, because),
            _ => observed.Should().BeGreaterThanOrEqualTo(limit, because),
        };
    }

    /// <summary><c>Then the p99 TTFT is at most 0.5 times that of "static"</c> (a run named earlier, or an experiment file).</summary>
    [Then(@"^the " + MetricSelector.StatisticPattern + " " + MetricSelector.LatencyPattern + @" is at (most|least) ([0-9.]+) times that of ""(.*)""$")]
    public void ThenTheLatencyComparesTo(string statistic, string metric, string direction, double factor, string other) =>
        CompareLatency(statistic, metric, direction, factor, other, null);

    /// <summary>
    /// <c>Then the p99 ITL of requests with prompts of at most 512 tokens is at most 0.5 times that of "continuous"</c>:
    /// the same comparison over the requests with short prompts only, in both runs.
    /// </summary>
    [Then(@"^the " + MetricSelector.StatisticPattern + " " + MetricSelector.LatencyPattern + @" of requests with prompts of at most ([0-9]+) tokens is at (most|least) ([0-9.]+) times that of ""(.*)""$")]
    public void ThenTheLatencyOfShortRequestsComparesTo(string statistic, string metric, int promptTokens, string direction, double factor, string other) =>
        CompareLatency(statistic, metric, direction, factor, other, promptTokens);

    /// <summary><c>Then the throughput is at least 1.3 times that of "other.pipe"</c> (also request throughput, goodput).</summary>
    [Then(@"^the " + MetricSelector.ThroughputPattern + @" is at (most|least) ([0-9.]+) times that of ""(.*)""$")]
    public void ThenTheThroughputComparesTo(string name, string direction, double factor, string other)
    {
        var thisRun = MetricSelector.Throughput(runs.Latest.Metrics, name);
        var otherRun = MetricSelector.Throughput(runs.Reference(other).Metrics, name);
        var because = string.Create(CultureInfo.InvariantCulture, $"the {name} was {thisRun:0.##}/s against {otherRun:0.##}/s for \"{other}\"");
        if (direction == "least") thisRun.Should().BeGreaterThanOrEqualTo(factor * otherRun, because);
        else thisRun.Should().BeLessThanOrEqualTo(factor * otherRun, because);
    }

    /// <summary><c>Then it meets its SLOs</c>: every limit of the experiment's <c>slo</c> block holds.</summary>
    [Then("it meets its SLOs")]
    public void ThenItMeetsItsSlos()
    {
        var verdicts = runs.Latest.Metrics.Slo;
        verdicts.Should().NotBeEmpty("the experiment declares SLOs");
        verdicts.Where(v => !v.Met).Select(v => $"{v.Limit.Metric} p{v.Limit.Percentile}: {MetricSelector.Format(v.Observed)} > {MetricSelector.Format(v.Limit.Limit)}")
            .Should().BeEmpty();
    }

    private void CompareLatency(string statistic, string metric, string direction, double factor, string other, int? maxPrompt)
    {
        var mine = Metrics(runs.Latest.Timelines, maxPrompt);
        var theirs = Metrics(runs.Reference(other).Timelines, maxPrompt);
        var thisRun = MetricSelector.Latency(mine, statistic, metric);
        var otherRun = MetricSelector.Latency(theirs, statistic, metric);
        var which = maxPrompt is null ? string.Empty : $" (requests with prompts of at most {maxPrompt} tokens)";
        var because = $"the {statistic} {metric}{which} was {MetricSelector.Format(thisRun)} against {MetricSelector.Format(otherRun)} for \"{other}\"";
        if (direction == "most") thisRun.Should().BeLessThanOrEqualTo(factor * otherRun, because);
        else thisRun.Should().BeGreaterThanOrEqualTo(factor * otherRun, because);
    }

    private static ServingMetrics Metrics(IReadOnlyList<RequestTimeline> timelines, int? maxPrompt) =>
        ServingMetrics.From(maxPrompt is { } max ? timelines.Where(t => t.PromptTokens <= max).ToArray() : timelines);
}
