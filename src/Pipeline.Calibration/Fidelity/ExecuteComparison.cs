namespace Pipeline.Calibration.Fidelity;

/// <summary>One metric measured in execute mode and predicted in simulate mode (seconds, or tokens per second).</summary>
/// <param name="Metric">The metric's name, e.g. <c>mean TTFT</c>.</param>
/// <param name="Measured">Execute mode's value: the median over the rounds when there were several.</param>
/// <param name="Simulated">Simulate mode's value.</param>
/// <param name="IsRate">True for a rate (printed as tok/s), false for a time (printed in ms).</param>
public sealed record ExecuteComparison(string Metric, double Measured, double Simulated, bool IsRate)
{
    /// <summary>The lowest and highest measured value over the rounds (null after one round): run-to-run spread on this machine.</summary>
    public (double Low, double High)? MeasuredRange { get; init; }

    /// <summary>
    /// True when the simulated value lies within the measured range, or differs from the median by less than the
    /// table's resolution (0.05%: a rate the arrivals fix, measured the same to four digits every round); null after one round.
    /// </summary>
    public bool? WithinRange => MeasuredRange is { } r
        ? (Simulated >= r.Low && Simulated <= r.High) || (Difference is { } d && Math.Abs(d) < 0.0005)
        : null;

    /// <summary>
    /// A metric measured over several rounds against one simulated value: the median of the rounds (the mean of the two
    /// middle ones for an even count) with their range.
    /// </summary>
    public static ExecuteComparison AcrossRounds(string metric, IReadOnlyList<double> measured, double simulated, bool isRate)
    {
        ArgumentNullException.ThrowIfNull(measured);
        if (measured.Count == 0) throw new ArgumentException("At least one round is needed.", nameof(measured));
        return new ExecuteComparison(metric, Medians.Of(measured), simulated, isRate)
        {
            MeasuredRange = measured.Count > 1 ? (measured.Min(), measured.Max()) : null,
        };
    }

    /// <summary>simulated / measured - 1, or null when nothing was measured.</summary>
    public double? Difference => Measured > 0 ? Simulated / Measured - 1 : null;
}
