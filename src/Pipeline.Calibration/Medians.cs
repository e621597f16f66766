namespace Pipeline.Calibration;

/// <summary>The median the calibration and fidelity tables use: the middle value, or the mean of the two middle ones for an even count.</summary>
public static class Medians
{
    /// <summary>The median of <paramref name="values"/> (at least one).</summary>
    public static double Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("At least one value is needed.", nameof(values));
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
