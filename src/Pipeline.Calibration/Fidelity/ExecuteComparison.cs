namespace Pipeline.Calibration.Fidelity;

/// <summary>One metric measured in execute mode and predicted in simulate mode (seconds, or tokens per second).</summary>
/// <param name="Metric">The metric's name, e.g. <c>mean TTFT</c>.</param>
/// <param name="Measured">Execute mode's value.</param>
/// <param name="Simulated">Simulate mode's value.</param>
/// <param name="IsRate">True for a rate (printed as tok/s), false for a time (printed in ms).</param>
public sealed record ExecuteComparison(string Metric, double Measured, double Simulated, bool IsRate)
{
    /// <summary>simulated / measured - 1, or null when nothing was measured.</summary>
    public double? Difference => Measured > 0 ? Simulated / Measured - 1 : null;
}
