namespace Pipeline.Runner.Validity;

/// <summary>
/// MLPerf LoadGen's early-stopping criterion (<c>early_stopping.cc</c>, <c>results.cc</c>), tolerance 0 and 99%
/// confidence. A run shows that a latency percentile p holds when, had the true share of queries within the limit been
/// only p, seeing as few as <c>t</c> over the limit among its queries would be unlikely: the binomial probability
/// <c>P(X &lt;= t)</c>, X ~ Binomial(h + t, 1 - p), must fall below 1 - confidence. LoadGen finds the fewest queries
/// within the limit, h, that achieve this, and the run passes when it issued at least h + t queries. With no query
/// over a p99 limit that is 459 queries; with one, 662 (LoadGen's MultiStream minimum query count).
/// </summary>
public static class EarlyStopping
{
    /// <summary>LoadGen's confidence.</summary>
    public const double Confidence = 0.99;

    /// <summary>
    /// The fewest queries within the limit, h, such that <paramref name="overLimit"/> queries over it among h + t are
    /// unlikely at the percentile (LoadGen's <c>find_min_passing(t, p, 0, 0.99)</c>).
    /// </summary>
    /// <param name="overLimit">Queries over the limit, t (at least 0).</param>
    /// <param name="percentile">The percentile as a fraction in (0, 1), e.g. 0.99.</param>
    public static long MinPassing(long overLimit, double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(overLimit);
        if (!(percentile > 0 && percentile < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "a fraction strictly between 0 and 1");
        }
        // Odds fall as h grows; at h = t p / (1 - p) the expected count over the limit is t itself (odds near one half).
        var high = Math.Max(1L, (long)Math.Ceiling(overLimit * percentile / (1 - percentile)));
        while (!Passes(high, overLimit, percentile))
        {
            high *= 2;
        }
        var low = 0L;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (Passes(middle, overLimit, percentile)) high = middle;
            else low = middle + 1;
        }
        return low;
    }

    /// <summary>True when <paramref name="queries"/> issued with <paramref name="overLimit"/> over the limit pass early stopping.</summary>
    public static bool Passes(int queries, int overLimit, double percentile) =>
        queries >= MinPassing(overLimit, percentile) + overLimit;

    /// <summary>
    /// LoadGen's SingleStream estimate of a percentile: the largest t such that the run's queries would still pass with t
    /// of them over the estimate; the estimate is then the t-th highest latency. Null when there are too few queries
    /// for even t = 1 (LoadGen: "Need to process at least h + 1 queries").
    /// </summary>
    /// <param name="sortedLatencies">Every query's latency, ascending.</param>
    /// <param name="percentile">The percentile as a fraction, e.g. 0.9.</param>
    public static double? Estimate(IReadOnlyList<double> sortedLatencies, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sortedLatencies);
        var n = sortedLatencies.Count;
        if (n < MinQueriesForEstimate(percentile))
        {
            return null;
        }
        // h(t) + t grows with t: find the largest t in [1, n] with h(t) + t <= n.
        long low = 1, high = n;
        while (low < high)
        {
            var middle = low + (high - low + 1) / 2;
            if (MinPassing(middle, percentile) + middle <= n) low = middle;
            else high = middle - 1;
        }
        return sortedLatencies[(int)(n - low)];
    }

    /// <summary>Queries a SingleStream run needs before LoadGen will estimate the percentile (<c>h_min + 1</c>).</summary>
    public static long MinQueriesForEstimate(double percentile) => MinPassing(1, percentile) + 1;

    /// <summary><c>P(X &lt;= t)</c> for X ~ Binomial(h + t, 1 - p) below 1 - confidence (LoadGen's <c>odds(h, t, p, 0)</c>).</summary>
    private static bool Passes(long within, long overLimit, double percentile) => LogOdds(within, overLimit, percentile) < Math.Log(1 - Confidence);

    /// <summary>The log of the binomial CDF, summed term by term in log space (pmf(k+1) = pmf(k) (n-k)/(k+1) q/p).</summary>
    internal static double LogOdds(long within, long overLimit, double percentile)
    {
        var n = within + overLimit;
        var logP = Math.Log(percentile);
        var logRatio = Math.Log((1 - percentile) / percentile);
        var term = n * logP;
        var sum = term;
        for (long k = 0; k < overLimit; k++)
        {
            term += Math.Log((double)(n - k) / (k + 1)) + logRatio;
            sum = LogAdd(sum, term);
        }
        return sum;
    }

    private static double LogAdd(double a, double b)
    {
        var (high, low) = a >= b ? (a, b) : (b, a);
        return double.IsNegativeInfinity(high) ? high : high + Math.Log(1 + Math.Exp(low - high));
    }
}
