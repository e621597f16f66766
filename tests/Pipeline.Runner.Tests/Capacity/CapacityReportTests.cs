using Pipeline.Runner.Capacity;

namespace Pipeline.Runner.Tests.Capacity;

/// <summary>Picking the answer and the Pareto front from hand-made candidate results.</summary>
public sealed class CapacityReportTests
{
    private static CandidateResult Searched(int index, double cost, double? peak, double traffic = 10) =>
        new(index, $"c{index}", "x", 1, cost, CandidateOutcome.Searched, null, double.PositiveInfinity, peak, peak, peak * 100, 5, peak >= traffic);

    [Fact]
    public void The_cheapest_candidate_that_meets_the_traffic_is_the_answer_even_when_a_cheaper_one_does_not()
    {
        var report = new CapacityReport("t", 10, [Searched(0, 2, 9.9), Searched(1, 8, 30), Searched(2, 5, 10), Searched(3, 6, 12)], []);
        report.Cheapest!.Index.Should().Be(2);
    }

    [Fact]
    public void A_tie_on_cost_goes_to_the_higher_peak_then_the_lower_index()
    {
        new CapacityReport("t", 10, [Searched(0, 5, 11), Searched(1, 5, 14), Searched(2, 5, 14)], []).Cheapest!.Index.Should().Be(1);
    }

    [Fact]
    public void No_answer_when_nothing_meets_the_traffic()
    {
        new CapacityReport("t", 10, [Searched(0, 1, 3), Searched(1, 2, null)], []).Cheapest.Should().BeNull();
    }

    [Fact]
    public void The_pareto_front_keeps_candidates_no_cheaper_one_matches()
    {
        // (cost, peak): (2, 3) (4, 2) (5, 8) (5, 6) (9, 8) (10, 12): (4, 2), (5, 6) and (9, 8) are dominated.
        var report = new CapacityReport("t", 10, [Searched(0, 2, 3), Searched(1, 4, 2), Searched(2, 5, 8), Searched(3, 5, 6), Searched(4, 9, 8), Searched(5, 10, 12)], []);
        report.ParetoFront.Select(c => c.Index).Should().Equal(0, 2, 5);
    }

    [Fact]
    public void Cost_per_million_output_tokens_is_the_hourly_cost_over_an_hour_of_output()
    {
        // 3.6 USD/h at 1000 tok/s: 3.6e6 tokens per hour, so 1 USD per million.
        var c = Searched(0, 3.6, 10) with { OutputTokensPerSecond = 1000 };
        c.UsdPerMillionOutputTokens.Should().BeApproximately(1, 1e-12);
    }
}
