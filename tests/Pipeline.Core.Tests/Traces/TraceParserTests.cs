using Pipeline.Core.Traces;

namespace Pipeline.Core.Tests.Traces;

public sealed class TraceParserTests
{
    [Fact]
    public void The_azure_trace_header_is_recognised_and_timestamps_count_from_the_first_row()
    {
        var trace = TraceParser.Parse("TIMESTAMP,ContextTokens,GeneratedTokens\n"
            + "2023-11-16 18:15:46.0000000,4808,10\n2023-11-16 18:15:46.5000000,3180,8\n2023-11-16 18:15:48.2500000,110,27\n");

        trace.Success.Should().BeTrue();
        trace.Rows.Select(r => (r.Arrival, r.PromptTokens, r.OutputTokens, r.Line))
            .Should().Equal((0.0, 4808, 10, 2), (0.5, 3180, 8, 3), (2.25, 110, 27, 4));
    }

    [Fact]
    public void Columns_are_found_by_name_in_any_order_and_case()
    {
        var trace = TraceParser.Parse("Output_Tokens, ARRIVAL_TIME, prompt_tokens\n3, 0.5, 7\n");

        trace.Rows.Single().Should().Be(new TraceRecord(0.5, 7, 3, 2));
    }

    [Fact]
    public void A_bad_row_after_the_header_is_reported_at_its_line_and_the_others_are_kept_as_rows()
    {
        var trace = TraceParser.Parse("arrival_time,prompt_tokens,output_tokens\n0,5,3\nabc,100,10\n1,5,3\n");

        trace.Success.Should().BeFalse();
        trace.Problems.Should().ContainSingle().Which.Should().Be(new TraceProblem(TraceProblemKind.Row, 3, "line 3: arrival `abc` is not a number of seconds"));
        trace.Rows.Select(r => r.Line).Should().Equal(2, 4);
    }

    [Fact]
    public void An_unknown_header_is_one_problem_that_names_the_expected_columns()
    {
        var trace = TraceParser.Parse("time,in,out\n0,5,3\n");

        trace.Problems.Should().ContainSingle().Which.Message.Should().Contain("arrival_time, prompt_tokens, output_tokens").And.Contain("TIMESTAMP");
    }

    [Fact]
    public void Problems_past_the_limit_are_summed_up_in_one()
    {
        var trace = TraceParser.Parse("0,1,1\n" + string.Concat(Enumerable.Repeat("x,1,1\n", 50)));

        trace.Problems.Should().HaveCount(TraceParser.MaxProblems + 1);
        trace.Problems[^1].Message.Should().Be("and 30 more problem(s) below");
    }
}
