using Pipeline.Acceptance.Bridge;

namespace Pipeline.Acceptance.Tests.Bridge;

public sealed class FeatureDiscoveryTests
{
    private static readonly FeatureSuite s_suite = FeatureDiscovery.DiscoverFile(BridgeFeatureFiles.Arithmetic);

    [Fact]
    public void Each_scenario_and_each_examples_row_is_one_case()
    {
        s_suite.Errors.Should().BeEmpty();
        s_suite.Cases.Select(c => c.ScenarioName).Should().Equal(
            "Background steps run first",
            "Adding 1 to one gives 2",
            "Adding 10 to one gives 11",
            "Adding 100 to one gives 101",
            "A table reaches the step",
            "A doc string reaches the step",
            "Ignored scenarios are not run",
            "Pending scenarios are not run");
    }

    [Fact]
    public void An_outline_row_is_named_after_its_values_and_has_them_substituted_in_its_steps()
    {
        var row = s_suite.Cases.Single(c => c.ScenarioName == "Adding 10 to one gives 11");

        row.DisplayName.Should().Be("Arithmetic through the bridge: Adding 10 to one gives 11 (n: 10, total: 11)");
        row.RuleName.Should().Be("Outlines expand per row");
        row.Steps.Select(s => s.ToString()).Should().Equal("Given the number 1", "When I add 10", "Then the total is 11");
    }

    [Fact]
    public void Background_steps_come_first_in_every_case()
    {
        s_suite.Cases.Should().OnlyContain(c => c.Steps[0].Text == "the number 1" && c.Steps[0].Kind == StepKind.Given);
    }

    [Fact]
    public void Tags_are_inherited_from_feature_scenario_and_examples_block()
    {
        var larger = s_suite.Cases.Single(c => c.ScenarioName == "Adding 100 to one gives 101");
        var first = s_suite.Cases.Single(c => c.ScenarioName == "Adding 1 to one gives 2");

        larger.Tags.Should().BeEquivalentTo("bridge", "outline", "more");
        first.Tags.Should().BeEquivalentTo("bridge", "outline");
    }

    [Fact]
    public void Ignored_and_pending_scenarios_carry_a_skip_reason_and_others_do_not()
    {
        s_suite.Cases.Where(c => c.SkipReason is not null).Select(c => c.ScenarioName)
            .Should().Equal("Ignored scenarios are not run", "Pending scenarios are not run");
        s_suite.Cases.Single(c => c.ScenarioName.StartsWith("Pending", StringComparison.Ordinal)).SkipReason
            .Should().Contain("@pending");
    }

    [Fact]
    public void Tables_and_doc_strings_are_kept_on_their_steps()
    {
        var table = s_suite.Cases.Single(c => c.ScenarioName == "A table reaches the step").Steps[1].Table;
        var text = s_suite.Cases.Single(c => c.ScenarioName == "A doc string reaches the step").Steps[1].DocString;

        table.Should().NotBeNull();
        table!.Select(r => string.Join(",", r)).Should().Equal("name,value", "alpha,1", "beta,2");
        text.Should().Be("line one\nline two");
    }

    [Fact]
    public void A_file_that_is_not_gherkin_is_an_error_value_with_its_line()
    {
        var suite = FeatureDiscovery.DiscoverFile(BridgeFeatureFiles.Broken);

        suite.Cases.Should().BeEmpty();
        var error = suite.Errors.Should().ContainSingle().Subject;
        error.Line.Should().Be(4);
        error.Message.Should().NotContain("(4:").And.NotContain("#EOF", "the parser's token names are put in words");
        error.ToString().Should().StartWith($"{error.FeaturePath}:4:").And.Contain("\n 4 | ").And.Contain("^").And.Contain("hint:");
    }

    [Fact]
    public void A_scenario_of_no_steps_is_an_error_at_its_line_not_a_pass()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nosteps-{Guid.NewGuid():N}.feature");
        File.WriteAllText(path, "Feature: f\n  Scenario: empty\n\n  Scenario: full\n    Given a step\n");
        try
        {
            var suite = FeatureDiscovery.DiscoverFile(path);

            suite.Cases.Select(c => c.ScenarioName).Should().Equal("full");
            var error = suite.Errors.Should().ContainSingle().Subject;
            (error.Line, error.Message).Should().Be((2, "scenario 'empty' has no steps, so it would pass asserting nothing"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
