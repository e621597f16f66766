using Pipeline.Plans.Tests;
using Pipeline.Calibration.Fidelity;

namespace Pipeline.Calibration.Tests.Fidelity;

public sealed class PairedComparisonTests
{
    [Fact]
    public void Each_round_is_compared_with_its_own_simulated_value_not_with_the_medians()
    {
        // Round by round: 10 -> 11 (+10%), 20 -> 18 (-10%), 40 -> 60 (+50%). The medians (20 and 18) would say -10%.
        var row = new PairedComparison("mean TPOT", [10, 20, 40], [11, 18, 60], false);

        row.Differences.Should().Equal([0.1, -0.1, 0.5], (a, b) => Math.Abs(a - b) < 1e-12);
        row.MedianDifference.Should().BeApproximately(0.1, 1e-12);
        row.DifferenceRange!.Value.Low.Should().BeApproximately(-0.1, 1e-12);
        row.DifferenceRange!.Value.High.Should().BeApproximately(0.5, 1e-12);
        (row.MeasuredMedian, row.SimulatedMedian).Should().Be((20.0, 18.0));
        row.RoundsWithin(0.10).Should().Be(2, "+10.0% and -10.0% print as within 10%");
        row.RoundsWithin(0.099).Should().Be(0);
    }

    [Fact]
    public void A_round_that_measured_nothing_has_no_difference()
    {
        var row = new PairedComparison("p99 TPOT", [0, 4], [1, 5], false);

        row.Differences.Should().Equal(0.25);
        new PairedComparison("x", [0], [1], false).MedianDifference.Should().BeNull();
        new PairedComparison("x", [0], [1], false).DifferenceRange.Should().BeNull();
    }

    [Fact]
    public void Rounds_must_pair_up()
    {
        var act = () => new PairedComparison("x", [1, 2], [1], false);

        act.Should().Throw<ArgumentException>().WithMessage("*One simulated value per measured round*");
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Medians.Of([4, 1, 3, 2]).Should().Be(2.5);
        Medians.Of([5, 1, 3]).Should().Be(3);
        var act = () => Medians.Of([]);
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void The_paired_table_shows_medians_the_median_round_difference_its_range_and_the_rounds_within_tolerance()
    {
        PairedComparison[] rows =
        [
            new("mean TTFT", [2e-3, 3e-3, 2.5e-3], [2.2e-3, 2.4e-3, 2.5e-3], false),
            new("mean TPOT", [0.3e-3, 0.4e-3], [0.45e-3, 0.38e-3], false),
            new("output tok/s", [100, 100, 100], [100, 100, 100], true),
        ];

        SnapshotGuard.Match(ExecuteFidelityText.RenderPaired("examples/x.pipe", rows, 0.10), "paired");
    }
}
