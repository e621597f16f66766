using Pipeline.Plans;

namespace Pipeline.Serving.Internal;

/// <summary>Draws whole token counts from a <see cref="LengthDistribution"/>, clamped to its bounds.</summary>
internal static class LengthSampler
{
    public static int Sample(LengthDistribution distribution, Random random)
    {
        double value = distribution switch
        {
            FixedLength f => f.Tokens,
            UniformLength u => u.Min + random.Next(u.Max - u.Min + 1),
            NormalLength n => n.Mean + n.StdDev * StandardNormal(random),
            LogNormalLength l => LogNormal(l.Mean, l.StdDev, random),
            TraceLength t => t.Mean, // rows carry their own lengths; only a caller without the rows asks for one
            DatasetPrompts d => d.Mean,
            DatasetLength d => d.Mean,
            _ => throw new ArgumentOutOfRangeException(nameof(distribution), distribution, null),
        };
        var rounded = (long)Math.Round(value, MidpointRounding.AwayFromZero);
        return (int)Math.Clamp(rounded, distribution.Min, Math.Max(distribution.Min, distribution.Max));
    }

    /// <summary>Box-Muller; two uniforms per draw keeps the stream simple to reason about.</summary>
    public static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>The parameters describe the token count itself, so convert them to the underlying normal's.</summary>
    private static double LogNormal(double mean, double stdDev, Random random)
    {
        if (mean <= 0)
        {
            return 0;
        }
        var sigma2 = Math.Log(1 + stdDev * stdDev / (mean * mean));
        var mu = Math.Log(mean) - sigma2 / 2;
        return Math.Exp(mu + Math.Sqrt(sigma2) * StandardNormal(random));
    }

    /// <summary>Exponential inter-arrival gap for a Poisson process of the given rate.</summary>
    public static double Exponential(double rate, Random random) => -Math.Log(1.0 - random.NextDouble()) / rate;
}
