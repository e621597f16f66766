using Pipeline.Plans.Costs.Prediction;

namespace Pipeline.Plans.Tests.Costs;

public sealed class RingAllReduceAndWavesTests
{
    [Fact]
    public void A_ring_of_four_takes_six_steps_each_moving_a_quarter_of_the_tensor()
    {
        // 4 participants: 2(n-1) = 6 steps; each moves 1 MB / 4 = 250 KB over a 100 GB/s link (2.5 us) after 1 us latency.
        RingAllReduce.Seconds(1e6, 4, 100e9, 1e-6).Should().BeApproximately(6 * (1e-6 + 2.5e-6), 1e-15);
    }

    [Fact]
    public void A_ring_of_one_costs_nothing_and_two_moves_the_whole_tensor_once_each_way()
    {
        RingAllReduce.Seconds(1e6, 1, 100e9, 1e-6).Should().Be(0);
        RingAllReduce.Seconds(1e6, 2, 100e9, 0).Should().BeApproximately(2 * 0.5e6 / 100e9, 1e-18);
    }

    [Fact]
    public void The_bandwidth_term_approaches_twice_the_tensor_as_the_ring_grows()
    {
        var small = RingAllReduce.Seconds(1e9, 2, 1e9, 0);
        var large = RingAllReduce.Seconds(1e9, 64, 1e9, 0);
        small.Should().BeApproximately(1, 1e-12);
        large.Should().BeApproximately(2 * 63.0 / 64, 1e-12).And.BeLessThan(2);
    }

    [Theory]
    [InlineData(128, 128, 1, 1.0)]          // one tile on one unit: nothing wasted
    [InlineData(64, 128, 1, 1.0)]           // 64 tokens take a 64-row tile
    [InlineData(96, 128, 1, 0.75)]          // 96 tokens pad a 128-row tile
    [InlineData(4, 128, 1, 0.25)]           // the shortest tile is 16 rows
    [InlineData(128, 128 * 3, 2, 0.75)]     // three tiles on two units: two waves, one unit idle in the second
    [InlineData(256, 128 * 132, 132, 1.0)]  // two full waves
    public void Wave_utilisation_counts_padding_and_the_last_wave(long m, long n, int units, double expected) =>
        GemmWaves.Utilisation(m, n, 128, 128, units).Should().BeApproximately(expected, 1e-12);

    [Fact]
    public void A_gemms_issued_time_never_shrinks_as_tokens_grow()
    {
        // time ~ m / utilisation(m) = issued tiles: a step function that only rises.
        double Issued(long m) => m / GemmWaves.Utilisation(m, 8192, 128, 128, 132);
        var times = Enumerable.Range(1, 2048).Select(m => Issued(m)).ToArray();
        times.Zip(times.Skip(1), (a, b) => b >= a - 1e-6).Should().OnlyContain(ok => ok);
        Issued(1).Should().Be(Issued(16), "every token up to the shortest tile's height costs the same wave");
        Issued(65).Should().Be(Issued(128), "65 tokens take a 128-row tile");
    }
}
