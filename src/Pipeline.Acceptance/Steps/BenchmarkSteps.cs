using System.Globalization;
using Pipeline.Acceptance.Drivers;
using Pipeline.Plans;
using Reqnroll;

namespace Pipeline.Acceptance.Steps;

/// <summary>
/// Steps about benchmark scenarios and validity (features/benchmarks): running under a scenario, VALID and INVALID
/// with their reasons, one query at a time, and the scenario comparison with each scenario's share of Offline.
/// </summary>
[Binding]
public sealed class BenchmarkSteps(ExperimentDriver experiment, RunDriver runs, ScenarioDriver scenarios)
{
    private const string ScenarioPattern = "(Offline|Server|Interactive|SingleStream)";

    /// <summary><c>Given its scenario is single-stream</c> (offline, server, interactive, single-stream): compiled again under it.</summary>
    [Given("^its scenario is (offline|server|interactive|single-stream)$")]
    public void GivenItsScenarioIs(string scenario) => experiment.UseScenario(Parse(scenario));

    /// <summary><c>Then the run is VALID</c> (lists the reasons otherwise).</summary>
    [Then("the run is VALID")]
    public void ThenTheRunIsValid() => (runs.Latest.InvalidReasons ?? []).Should().BeEmpty("the run should be VALID");

    /// <summary><c>Then the run is INVALID</c>.</summary>
    [Then("the run is INVALID")]
    public void ThenTheRunIsInvalid() => runs.Latest.IsValid.Should().BeFalse("the run should be INVALID");

    /// <summary><c>Then it is INVALID because "p99 TTFT is"</c>: one of its reasons contains the text.</summary>
    [Then("it is INVALID because {string}")]
    public void ThenItIsInvalidBecause(string text) =>
        (runs.Latest.InvalidReasons ?? []).Should().Contain(r => r.Contains(text, StringComparison.Ordinal),
            "a reason should mention \"{0}\"", text);

    /// <summary><c>Then no two queries were in flight at once</c>.</summary>
    [Then("no two queries were in flight at once")]
    public void ThenNoTwoQueriesOverlap()
    {
        var ordered = runs.Latest.Timelines.OrderBy(t => t.Arrival).ToArray();
        ordered.Should().NotBeEmpty();
        ordered.Zip(ordered.Skip(1)).Where(p => p.Second.Arrival < p.First.End)
            .Select(p => $"request {p.Second.RequestId} arrived at {p.Second.Arrival:0.###} s, before request {p.First.RequestId} finished at {p.First.End:0.###} s")
            .Should().BeEmpty();
    }

    /// <summary><c>Then each query after the first arrived when the previous one finished</c>.</summary>
    [Then("each query after the first arrived when the previous one finished")]
    public void ThenEachQueryFollowsThePrevious()
    {
        var ordered = runs.Latest.Timelines.OrderBy(t => t.Arrival).ToArray();
        ordered[0].Arrival.Should().Be(0);
        ordered.Zip(ordered.Skip(1)).Where(p => p.Second.Arrival != p.First.End)
            .Select(p => $"request {p.Second.RequestId} arrived at {p.Second.Arrival:0.###} s, request {p.First.RequestId} finished at {p.First.End:0.###} s")
            .Should().BeEmpty();
    }

    /// <summary><c>When its scenarios are compared</c>: Offline, Server and Interactive at their peak rates, SingleStream.</summary>
    [When("its scenarios are compared")]
    public void WhenItsScenariosAreCompared() => scenarios.Compare();

    /// <summary><c>Then every scenario's run is VALID</c>.</summary>
    [Then("every scenario's run is VALID")]
    public void ThenEveryScenarioIsValid() =>
        scenarios.Report.Rows.Where(r => !r.Valid)
            .Select(r => $"{r.Scenario}: {string.Join("; ", r.Run.InvalidReasons ?? [])} {r.Search?.Failure}")
            .Should().BeEmpty();

    /// <summary>
    /// <c>Then the Offline throughput is above the Server throughput at its peak rate</c> (Offline, Server, Interactive,
    /// SingleStream; "at its peak rate" reads naturally after Server and Interactive, and changes nothing).
    /// </summary>
    [Then("^the " + ScenarioPattern + " throughput(?: at its peak rate)? is above the " + ScenarioPattern + " throughput(?: at its peak rate)?$")]
    public void ThenTheThroughputIsAbove(string higher, string lower)
    {
        var report = scenarios.Report;
        var high = report.Row(Parse(higher));
        var low = report.Row(Parse(lower));
        high.OutputTokensPerSecond.Should().BeGreaterThan(low.OutputTokensPerSecond,
            "{0} gave {1:0.#} output tok/s and {2} {3:0.#}", higher, high.OutputTokensPerSecond, lower, low.OutputTokensPerSecond);
    }

    /// <summary><c>Then the report states each scenario's share of the Offline throughput</c>, in its finding.</summary>
    [Then("the report states each scenario's share of the Offline throughput")]
    public void ThenTheReportStatesTheShares()
    {
        var report = scenarios.Report;
        foreach (var row in report.Rows.Where(r => r.Scenario != Scenario.Offline))
        {
            var share = (report.ShareOfOffline(row) * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
            report.Finding.Should().Contain(share, "the finding should state the {0} share", row.Scenario);
        }
    }

    private static Scenario Parse(string name) => name.ToLowerInvariant() switch
    {
        "offline" => Scenario.Offline,
        "server" => Scenario.Server,
        "interactive" => Scenario.Interactive,
        _ => Scenario.SingleStream,
    };
}
