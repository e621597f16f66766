using Pipeline.Reports.Internal;

namespace Pipeline.Reports.Tests;

public sealed class ParetoFrontTests
{
    [Fact]
    public void The_front_keeps_the_points_no_other_beats_on_latency_and_throughput()
    {
        // (latency, throughput): 1 beats 2 (faster and more); 3 is slowest but the most; 0 is the fastest; 4 ties 1 on latency with less.
        (double, double)[] points = [(10, 100), (20, 300), (25, 250), (50, 400), (20, 200)];

        ParetoFront.Of(points).Should().Equal(0, 1, 3);
    }

    [Fact]
    public void Identical_points_are_both_on_the_front_and_an_empty_set_has_none()
    {
        ParetoFront.Of([(1, 1), (1, 1)]).Should().Equal(0, 1);
        ParetoFront.Of([]).Should().BeEmpty();
    }
}
