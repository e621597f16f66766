namespace Pipeline.Calibration.Local;

/// <summary>
/// Step times measured per shape: each shape's typical (median) step, and how much longer all the timed steps took
/// together than their medians say. The medians are what a step costs when nothing interrupts it; the excess is what
/// the host took from the engine while it worked (other processes, the hypervisor, page faults, collections), pooled
/// over every shape because a stall of a millisecond lands on one shape's few repeats by chance, and on a step in
/// proportion to its length.
/// </summary>
/// <param name="Typical">Each shape's median step, seconds.</param>
/// <param name="TimedSeconds">All timed steps together, seconds.</param>
/// <param name="TypicalSeconds">The same steps at their shapes' medians, seconds.</param>
public sealed record MeasuredSteps(IReadOnlyList<double> Typical, double TimedSeconds, double TypicalSeconds)
{
    /// <summary>The share the timed steps took beyond their medians (<c>host_stall_share</c>), at least 0.</summary>
    public double StallShare => TypicalSeconds > 0 ? Math.Max(0, TimedSeconds / TypicalSeconds - 1) : 0;

    /// <summary>Steps measured without their repeats: the typical times alone, no stall share.</summary>
    public static MeasuredSteps WithoutRepeats(IReadOnlyList<double> typical)
    {
        ArgumentNullException.ThrowIfNull(typical);
        return new MeasuredSteps(typical, 0, 0);
    }

    /// <summary>Each shape's timed repeats (seconds), summarised.</summary>
    public static MeasuredSteps FromRepeats(IReadOnlyList<IReadOnlyList<double>> repeats)
    {
        ArgumentNullException.ThrowIfNull(repeats);
        if (repeats.Any(r => r.Count == 0)) throw new ArgumentException("Every shape needs at least one timed step.", nameof(repeats));
        var typical = repeats.Select(r => Medians.Of(r)).ToArray();
        return new MeasuredSteps(typical, repeats.Sum(r => r.Sum()), repeats.Select((r, i) => typical[i] * r.Count).Sum());
    }

    /// <summary>Measurements of disjoint shape lists, in order, pooled into one.</summary>
    public static MeasuredSteps Concat(IEnumerable<MeasuredSteps> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var all = parts.ToArray();
        return new MeasuredSteps(all.SelectMany(p => p.Typical).ToArray(), all.Sum(p => p.TimedSeconds), all.Sum(p => p.TypicalSeconds));
    }
}
