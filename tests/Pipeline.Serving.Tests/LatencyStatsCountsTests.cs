namespace Pipeline.Serving.Tests;

/// <summary>
/// A sample held as counts of distinct values (how the pooled ITL is kept, so a long run's memory does not grow per
/// token) must answer every question exactly as the expanded sample does; the expanded sample is the oracle.
/// </summary>
public sealed class LatencyStatsCountsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 7)]
    [InlineData(3, 200)]
    [InlineData(4, 5000)]
    public void A_counted_sample_gives_the_figures_of_the_expanded_sample_bit_for_bit(int seed, int size)
    {
        var random = new Random(seed);
        // Few distinct values, many repeats, as a run's token gaps are; awkward doubles so summation order shows.
        var distinct = Enumerable.Range(0, Math.Max(1, size / 20)).Select(_ => random.NextDouble() * 0.1 + 1e-7 / 3).ToArray();
        var values = Enumerable.Range(0, size).Select(_ => distinct[random.Next(distinct.Length)]).ToArray();
        var counts = values.GroupBy(v => v).Select(g => new KeyValuePair<double, long>(g.Key, g.LongCount())).Reverse().ToArray();

        var expanded = new LatencyStats(values);
        var counted = LatencyStats.FromCounts(counts);

        counted.Count.Should().Be(expanded.Count);
        counted.Sorted.Should().Equal(expanded.Sorted);
        BitConverter.DoubleToInt64Bits(counted.Mean).Should().Be(BitConverter.DoubleToInt64Bits(expanded.Mean));
        foreach (var p in new[] { 0.0, 1, 33.3, 50, 90, 99, 99.9, 100 })
        {
            counted.Percentile(p).Should().Be(expanded.Percentile(p));
            counted.LoadGenPercentile(p).Should().Be(expanded.LoadGenPercentile(p));
        }
        counted.Max.Should().Be(expanded.Max);
        foreach (var limit in distinct.Append(0).Append(1))
        {
            counted.CountAbove(limit).Should().Be(expanded.CountAbove(limit));
        }
    }

    [Fact]
    public void An_empty_counted_sample_reports_zeros_and_nonpositive_counts_are_left_out()
    {
        var stats = LatencyStats.FromCounts([new KeyValuePair<double, long>(3, 0), new KeyValuePair<double, long>(4, -1)]);
        (stats.Count, stats.Mean, stats.P99, stats.Max, stats.LoadGenPercentile(99), stats.CountAbove(0)).Should().Be((0, 0.0, 0.0, 0.0, 0.0, 0));
    }

    [Fact]
    public void The_pooled_itl_of_a_run_is_every_gap_between_consecutive_tokens()
    {
        var random = new Random(5);
        var timelines = Enumerable.Range(0, 40).Select(id =>
        {
            var arrival = id * 0.01;
            var times = new double[random.Next(1, 30)];
            var t = arrival;
            for (var i = 0; i < times.Length; i++) times[i] = t += random.Next(1, 4) * 0.0125;
            return new RequestTimeline(id, 8, times.Length, arrival, RequestStatus.Completed, null, times[^1], [], times,
                new int[times.Length], [], null, null, [0]);
        }).ToArray();
        var gaps = timelines.SelectMany(t => t.TokenTimes.Zip(t.TokenTimes.Skip(1), (a, b) => b - a)).ToArray();

        var itl = ServingMetrics.From(timelines).Itl;

        var oracle = new LatencyStats(gaps);
        itl.Sorted.Should().Equal(oracle.Sorted);
        BitConverter.DoubleToInt64Bits(itl.Mean).Should().Be(BitConverter.DoubleToInt64Bits(oracle.Mean));
        itl.P99.Should().Be(oracle.P99);
    }
}
