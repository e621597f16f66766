using Pipeline.Calibration.Local;

namespace Pipeline.Calibration.Tests.Local;

public sealed class MeasuredStepsTests
{
    [Fact]
    public void Each_shape_is_typically_its_median_and_the_stall_share_pools_every_timed_step()
    {
        // Medians 1 and 2 ms. Timed: 1 + 1 + 3 = 5 ms and 2 + 2 + 2 + 10 = 16 ms; at their medians 3 x 1 + 4 x 2 = 11 ms.
        var steps = MeasuredSteps.FromRepeats([[1e-3, 3e-3, 1e-3], [2e-3, 10e-3, 2e-3, 2e-3]]);

        steps.Typical.Should().Equal(1e-3, 2e-3);
        steps.TimedSeconds.Should().BeApproximately(21e-3, 1e-15);
        steps.TypicalSeconds.Should().BeApproximately(11e-3, 1e-15);
        steps.StallShare.Should().BeApproximately(21.0 / 11 - 1, 1e-12);
    }

    [Fact]
    public void Pooling_adds_the_times_of_every_part_in_order()
    {
        var first = MeasuredSteps.FromRepeats([[1e-3, 3e-3, 1e-3]]);
        var second = MeasuredSteps.FromRepeats([[2e-3, 10e-3, 2e-3, 2e-3]]);

        var pooled = MeasuredSteps.Concat([first, second]);

        pooled.Typical.Should().Equal(1e-3, 2e-3);
        pooled.StallShare.Should().BeApproximately(21.0 / 11 - 1, 1e-12);
        first.StallShare.Should().BeApproximately(5.0 / 3 - 1, 1e-12);
    }

    [Fact]
    public void Steps_faster_than_their_median_never_give_a_negative_share_and_typical_times_alone_give_none()
    {
        // Median 5 ms, 11 ms timed against 15 at the median: no stalls, not a negative share.
        MeasuredSteps.FromRepeats([[1e-3, 5e-3, 5e-3]]).StallShare.Should().Be(0);
        MeasuredSteps.WithoutRepeats([1e-3, 2e-3]).StallShare.Should().Be(0);
        var act = () => MeasuredSteps.FromRepeats([[1e-3], []]);
        act.Should().Throw<ArgumentException>();
    }
}
