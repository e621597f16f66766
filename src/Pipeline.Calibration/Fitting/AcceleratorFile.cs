using System.Text;
using Pipeline.Plans.Catalog;

namespace Pipeline.Calibration.Fitting;

/// <summary>
/// Writes calibrated parameters as declarations that experiments <c>import</c>: one <c>accelerator NAME { cost { } }</c>
/// per catalogue accelerator of the family (a declaration named like a built-in derives from it), with the
/// residual of every row as comments.
/// </summary>
public static class AcceleratorFile
{
    /// <summary>The file's text.</summary>
    public static string Write(CalibrationResult result, string resultsPath)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.Append("// Calibrated by `pipeline calibrate --results ").Append(resultsPath).Append("` for family ").Append(result.Family).Append('\n');
        // The parameters hold for the workload they were fitted under (its prompt mean is assumed or fitted): say which.
        if (result.Workload is { } workload) text.Append("// Workload: ").Append(workload.Lengths).Append('\n');
        text.Append("// Residuals (predicted / published - 1):\n");
        foreach (var c in result.Comparisons.Where(c => c.Prediction is not null))
        {
            text.Append(FormattableString.Invariant($"//   line {c.Row.Line} {c.Row.Label}: tokens/s {c.TokensError * 100:+0.0;-0.0}%"));
            if (c.TpotError is { } tpot) text.Append(FormattableString.Invariant($", p99 TPOT {tpot * 100:+0.0;-0.0}%"));
            text.Append('\n');
        }
        foreach (var name in AcceleratorCatalog.Names.Where(n => AcceleratorCatalog.TryGet(n, out var s) && s.Family == result.Family))
        {
            text.Append("\naccelerator ").Append(name).Append(" {\n  cost {\n");
            foreach (var setting in result.Settings) text.Append("    ").Append(setting).Append('\n');
            text.Append("  }\n}\n");
        }
        return text.ToString();
    }
}
