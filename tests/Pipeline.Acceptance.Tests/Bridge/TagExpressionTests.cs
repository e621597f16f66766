using Pipeline.Acceptance.Bridge;

namespace Pipeline.Acceptance.Tests.Bridge;

public sealed class TagExpressionTests
{
    [Theory]
    [InlineData("@execute", "execute,batching", true)]
    [InlineData("@execute", "batching", false)]
    [InlineData("not @slow", "batching", true)]
    [InlineData("not @slow", "batching,slow", false)]
    [InlineData("@batching and not (@slow or @pending)", "batching,slow", false)]
    [InlineData("@batching and not (@slow or @pending)", "batching", true)]
    [InlineData("@a or @b and @c", "a", true)]
    [InlineData("execute", "@EXECUTE", true)]
    public void An_expression_selects_scenarios_by_tag(string expression, string tags, bool expected)
    {
        TagExpression.TryParse(expression, out var parsed, out var error).Should().BeTrue(error);
        parsed!.Matches(tags.Split(',')).Should().Be(expected);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("@a and", "ends too early")]
    [InlineData("(@a or @b", "missing ')'")]
    [InlineData("@a @b", "unexpected '@b'")]
    [InlineData("and @a", "expected a tag")]
    public void A_malformed_expression_is_an_error_value(string expression, string message)
    {
        TagExpression.TryParse(expression, out var parsed, out var error).Should().BeFalse();
        parsed.Should().BeNull();
        error.Should().Contain(message);
    }
}
