using Pipeline.Plans.Tests;
using Pipeline.Calibration.Fidelity;

namespace Pipeline.Calibration.Tests.Fidelity;

public sealed class ExecuteFidelityTextTests
{
    [Fact]
    public void The_table_lists_each_metric_with_measured_simulated_and_the_difference()
    {
        // Hand-built: 2 ms against 2.2 ms is +10.0%; 0.5 ms against 0.45 ms is -10.0%; 100 against 100 is +0.0%.
        ExecuteComparison[] rows =
        [
            new("mean TTFT", 2e-3, 2.2e-3, false),
            new("p99 TTFT", 8e-3, 6e-3, false),
            new("mean TPOT", 0.5e-3, 0.45e-3, false),
            new("p99 TPOT", 1e-3, 1.0001e-3, false),
            new("output tok/s", 100, 100, true),
            new("nothing measured", 0, 1e-3, false),
        ];

        SnapshotGuard.Match(ExecuteFidelityText.Render("examples/x.pipe", rows), "table");
    }

    [Fact]
    public void After_several_rounds_the_table_shows_the_median_the_range_and_whether_simulate_lies_within_it()
    {
        ExecuteComparison[] rows =
        [
            ExecuteComparison.AcrossRounds("mean TTFT", [2e-3, 3e-3, 2.5e-3], 2.2e-3, false),
            ExecuteComparison.AcrossRounds("mean TPOT", [0.3e-3, 0.4e-3], 0.45e-3, false),
            ExecuteComparison.AcrossRounds("output tok/s", [100, 100, 100], 100, true),
        ];

        SnapshotGuard.Match(ExecuteFidelityText.Render("examples/x.pipe", rows), "rounds");
    }

    [Fact]
    public void A_metric_over_rounds_is_their_median_with_their_range()
    {
        var odd = ExecuteComparison.AcrossRounds("m", [3, 1, 2], 2.5, true);
        (odd.Measured, odd.MeasuredRange, odd.WithinRange).Should().Be((2.0, (1.0, 3.0), true));
        var even = ExecuteComparison.AcrossRounds("m", [4, 1, 3, 2], 5, true);
        (even.Measured, even.MeasuredRange, even.WithinRange).Should().Be((2.5, (1.0, 4.0), false));
        ExecuteComparison.AcrossRounds("m", [474.29, 474.31, 474.33], 474.25, true).WithinRange.Should().BeTrue("it prints +0.0%");
        ExecuteComparison.AcrossRounds("m", [474.29, 474.31, 474.33], 474.0, true).WithinRange.Should().BeFalse();
        var single = ExecuteComparison.AcrossRounds("m", [7], 7, true);
        (single.Measured, single.MeasuredRange, single.WithinRange).Should().Be((7.0, ((double, double)?)null, (bool?)null));
    }

    [Fact]
    public void Differences_are_simulated_over_measured_minus_one()
    {
        new ExecuteComparison("m", 4, 5, true).Difference.Should().BeApproximately(0.25, 1e-12);
        new ExecuteComparison("m", 0, 5, true).Difference.Should().BeNull();
    }
}
