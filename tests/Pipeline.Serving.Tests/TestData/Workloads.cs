namespace Pipeline.Serving.Tests.TestData;

/// <summary>Workloads for the behaviour tests.</summary>
internal static class Workloads
{
    /// <summary>Short chat-like requests arriving as a Poisson stream.</summary>
    public static IReadOnlyList<ServingRequest> Poisson(double rate, int count, int seed, LengthDistribution prompt, LengthDistribution output, int vocab = 32000) =>
        WorkloadGenerator.Generate(new WorkloadPlan(new PoissonArrivals(rate), prompt, output, count, null, seed), vocab).Requests;

    /// <summary>
    /// A steady stream of short requests plus long prompts arriving every <paramref name="longEvery"/> seconds
    /// (ids of the long ones are returned so the tests can look at the short "running" requests only).
    /// </summary>
    public static (IReadOnlyList<ServingRequest> All, HashSet<int> LongIds) WithLongPrompts(
        int shortCount, double shortRate, int longPrompt, double longEvery, int seed, int shortOutput = 200)
    {
        var shorts = Poisson(shortRate, shortCount, seed, new FixedLength(64), new FixedLength(shortOutput));
        var end = shorts[^1].ArrivalTime;
        var all = shorts.Select(r => (r.ArrivalTime, r.PromptTokens.Count, r.MaxOutputTokens, Long: false)).ToList();
        for (var t = longEvery / 2; longEvery > 0 && t < end; t += longEvery)
        {
            all.Add((t, longPrompt, 8, true));
        }
        var ordered = all.OrderBy(r => r.ArrivalTime).ToArray();
        var requests = ordered.Select((r, i) => Req.Make(i, r.Item2, r.MaxOutputTokens, r.ArrivalTime)).ToArray();
        var longIds = ordered.Select((r, i) => (r.Long, i)).Where(x => x.Long).Select(x => x.i).ToHashSet();
        return (requests, longIds);
    }
}
