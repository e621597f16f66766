namespace Pipeline.Engine;

/// <summary>
/// Picks tokens from logits: greedy, temperature, top-k and top-p (nucleus), in that order of filtering.
/// Deterministic: the same options (seed) and the same logits give the same tokens.
/// </summary>
public sealed class Sampler
{
    private readonly SamplingOptions _options;
    private readonly Random _random;

    /// <summary>Creates a sampler with its own random stream seeded from <see cref="SamplingOptions.Seed"/>.</summary>
    public Sampler(SamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _random = new Random(options.Seed);
    }

    /// <summary>Index of the largest logit (the lowest index on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> logits)
    {
        if (logits.IsEmpty) throw new ArgumentException("Logits are empty.", nameof(logits));
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best]) best = i;
        }
        return best;
    }

    /// <summary>Chooses the next token.</summary>
    public int Sample(ReadOnlySpan<float> logits)
    {
        if (_options.IsGreedy) return ArgMax(logits);

        // Candidates sorted by logit, descending (ties by index, so the order is deterministic).
        var order = new int[logits.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var values = logits.ToArray();
        Array.Sort(order, (a, b) => values[b] != values[a] ? values[b].CompareTo(values[a]) : a.CompareTo(b));

        var count = _options.TopK > 0 ? Math.Min(_options.TopK, order.Length) : order.Length;
        var probabilities = new double[count];
        var max = (double)values[order[0]];
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            probabilities[i] = Math.Exp((values[order[i]] - max) / _options.Temperature);
            sum += probabilities[i];
        }

        if (_options.TopP < 1f)
        {
            // Smallest prefix whose mass reaches TopP (at least one token).
            var cumulative = 0.0;
            var kept = 0;
            while (kept < count)
            {
                cumulative += probabilities[kept] / sum;
                kept++;
                if (cumulative >= _options.TopP) break;
            }
            count = kept;
            sum = 0.0;
            for (var i = 0; i < count; i++) sum += probabilities[i];
        }

        var target = _random.NextDouble() * sum;
        for (var i = 0; i < count; i++)
        {
            target -= probabilities[i];
            if (target < 0) return order[i];
        }
        return order[count - 1];
    }
}
