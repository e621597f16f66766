namespace Pipeline.Engine.Tests;

public sealed class SamplerTests
{
    private static readonly float[] Logits = [0.1f, 2.0f, -1.0f, 1.9f, 0.5f, 1.5f];

    [Fact]
    public void Greedy_picks_the_argmax_and_the_lowest_index_on_ties()
    {
        new Sampler(SamplingOptions.Greedy).Sample(Logits).Should().Be(1);
        Sampler.ArgMax([3f, 5f, 5f, 1f]).Should().Be(1);
    }

    [Fact]
    public void The_same_seed_gives_the_same_tokens_and_another_seed_differs()
    {
        var options = new SamplingOptions(1.5f, 0, 1f, Seed: 42);
        Draw(options, 200).Should().Equal(Draw(options, 200));
        Draw(options with { Seed = 43 }, 200).Should().NotEqual(Draw(options, 200));
    }

    [Fact]
    public void Top_k_of_one_and_a_tiny_top_p_are_greedy()
    {
        Draw(new SamplingOptions(1f, 1, 1f, 1), 50).Should().OnlyContain(t => t == 1);
        Draw(new SamplingOptions(1f, 0, 0.01f, 1), 50).Should().OnlyContain(t => t == 1);
    }

    [Fact]
    public void Top_k_only_draws_from_the_k_most_likely_tokens()
    {
        Draw(new SamplingOptions(5f, 3, 1f, 2), 300).Distinct().Should().BeSubsetOf([1, 3, 5]).And.HaveCount(3);
    }

    [Fact]
    public void Top_p_keeps_the_smallest_set_reaching_the_mass()
    {
        // Probabilities at T=1: token 1 ~ 0.34, token 3 ~ 0.31, token 5 ~ 0.21: p = 0.6 needs tokens 1 and 3.
        Draw(new SamplingOptions(1f, 0, 0.6f, 3), 300).Distinct().Should().BeSubsetOf([1, 3]).And.HaveCount(2);
    }

    [Fact]
    public void Temperature_sampling_follows_the_softmax_frequencies()
    {
        var draws = Draw(new SamplingOptions(1f, 0, 1f, 4), 20000);
        var expected = Softmax(Logits);
        for (var token = 0; token < Logits.Length; token++)
        {
            var frequency = draws.Count(t => t == token) / 20000.0;
            frequency.Should().BeApproximately(expected[token], 0.02, $"token {token}");
        }
    }

    private static List<int> Draw(SamplingOptions options, int count)
    {
        var sampler = new Sampler(options);
        return Enumerable.Range(0, count).Select(_ => sampler.Sample(Logits)).ToList();
    }

    private static double[] Softmax(float[] logits)
    {
        var max = logits.Max();
        var e = logits.Select(l => Math.Exp(l - max)).ToArray();
        return e.Select(v => v / e.Sum()).ToArray();
    }
}
