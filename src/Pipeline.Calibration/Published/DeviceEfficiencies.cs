using System.Globalization;

namespace Pipeline.Calibration.Published;

/// <summary>
/// Scales the device efficiencies the calibration fits (<c>gemm_efficiency</c>, <c>kv_read_efficiency</c>) in a list
/// of <c>cost { }</c> lines: an older stack release's factor (<see cref="StackRelease"/>), or a step made a few per
/// cent dearer or cheaper to show how far a prediction moves with the calibration's own uncertainty.
/// </summary>
public static class DeviceEfficiencies
{
    /// <summary>
    /// The cost lines with both efficiencies multiplied by <paramref name="factor"/>: a line that sets one is scaled,
    /// one the lines do not set is added from the <paramref name="defaults"/> (the accelerator family's catalogue values), scaled.
    /// </summary>
    public static IReadOnlyList<string> Scale(IReadOnlyList<string> cost, Pipeline.Plans.CostParameters defaults, double factor)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(defaults);
        if (!(factor > 0) || double.IsInfinity(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "An efficiency factor is a finite number above 0.");
        }
        var scaled = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in cost)
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0] is "gemm_efficiency" or "kv_read_efficiency"
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                scaled.Add(Line(parts[0], value * factor));
                seen.Add(parts[0]);
                continue;
            }
            scaled.Add(line);
        }
        if (seen.Add("gemm_efficiency")) scaled.Add(Line("gemm_efficiency", defaults.GemmEfficiency * factor));
        if (seen.Add("kv_read_efficiency")) scaled.Add(Line("kv_read_efficiency", defaults.KvReadEfficiency * factor));
        return scaled;
    }

    private static string Line(string name, double value) => string.Create(CultureInfo.InvariantCulture, $"{name} = {value:0.####}");
}
