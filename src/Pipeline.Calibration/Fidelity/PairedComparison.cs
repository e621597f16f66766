namespace Pipeline.Calibration.Fidelity;

/// <summary>
/// One metric over rounds that each calibrated this machine and then ran the experiment in both modes: round
/// <c>i</c>'s simulated value is predicted with the parameters measured just before round <c>i</c>'s execute run, so
/// each difference compares a run with a calibration made under the same machine conditions (a shared machine's speed
/// drifts between processes and over minutes by more than the 10% asked of the model).
/// </summary>
/// <param name="Metric">The metric's name, e.g. <c>mean TPOT</c>.</param>
/// <param name="Measured">Execute mode's value per round (seconds, or tokens per second).</param>
/// <param name="Simulated">Simulate mode's value per round, with that round's calibration.</param>
/// <param name="IsRate">True for a rate (printed as tok/s), false for a time (printed in ms).</param>
public sealed record PairedComparison(string Metric, IReadOnlyList<double> Measured, IReadOnlyList<double> Simulated, bool IsRate)
{
    /// <summary>Each round's simulated / measured - 1 (rounds that measured nothing are left out).</summary>
    public IReadOnlyList<double> Differences { get; } = Measured.Count == Simulated.Count
        ? Measured.Zip(Simulated).Where(p => p.First > 0).Select(p => p.Second / p.First - 1).ToArray()
        : throw new ArgumentException("One simulated value per measured round is needed.", nameof(Simulated));

    /// <summary>The median of the rounds' differences, or null when no round measured anything.</summary>
    public double? MedianDifference => Differences.Count > 0 ? Medians.Of(Differences) : null;

    /// <summary>The smallest and largest round difference, or null when no round measured anything.</summary>
    public (double Low, double High)? DifferenceRange => Differences.Count > 0 ? (Differences.Min(), Differences.Max()) : null;

    /// <summary>
    /// How many rounds' differences lie within <paramref name="tolerance"/> (a share: 0.1 for 10%), to the table's
    /// resolution (0.05%), so a round printed as +10.0% counts as within 10%.
    /// </summary>
    public int RoundsWithin(double tolerance) => Differences.Count(d => Math.Abs(d) < tolerance + 0.0005);

    /// <summary>The median of the measured values.</summary>
    public double MeasuredMedian => Medians.Of(Measured);

    /// <summary>The median of the simulated values.</summary>
    public double SimulatedMedian => Medians.Of(Simulated);
}
