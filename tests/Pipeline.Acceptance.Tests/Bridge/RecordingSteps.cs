using System.Collections.Concurrent;
using Reqnroll;

namespace Pipeline.Acceptance.Tests.Bridge;

/// <summary>Test-only bindings: arithmetic to pass and fail on purpose, and recorders for tables and doc strings.</summary>
[Binding]
public sealed class RecordingSteps(ScenarioContext scenario)
{
    /// <summary>What each scenario's argument steps received, by scenario title.</summary>
    public static ConcurrentDictionary<string, object> Received { get; } = new();

    private int _total;

    [Given("the number {int}")]
    public void GivenTheNumber(int value) => _total = value;

    [When("I add {int}")]
    public void WhenIAdd(int value) => _total += value;

    [Then("the total is {int}")]
    public void ThenTheTotalIs(int expected) => _total.Should().Be(expected, "that is the sum of the numbers given");

    [Given("the rows:")]
    public void GivenTheRows(Table table)
    {
        Received[scenario.ScenarioInfo.Title] = table;
        scenario["rows"] = table.RowCount;
    }

    [Then("{int} rows were recorded")]
    public void ThenRowsWereRecorded(int count) => ((int)scenario["rows"]).Should().Be(count);

    [Given("the text:")]
    public void GivenTheText(string text)
    {
        Received[scenario.ScenarioInfo.Title] = text;
        scenario["text"] = text;
    }

    [Then("the text has {int} lines")]
    public void ThenTheTextHasLines(int count) => ((string)scenario["text"]).Split('\n').Should().HaveCount(count);
}
