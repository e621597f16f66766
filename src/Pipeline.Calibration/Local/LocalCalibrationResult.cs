using System.Globalization;
using System.Text;
using Pipeline.Calibration.Fitting;
using Pipeline.Plans;

namespace Pipeline.Calibration.Local;

/// <summary>The fitted local accelerator, the fitted values and every shape's measured and predicted time.</summary>
/// <param name="Accelerator">The local accelerator with the fitted cost parameters and the measured <c>host_stall_share</c>.</param>
/// <param name="Parameters">What was fitted.</param>
/// <param name="Values">Fitted values in base units, in <paramref name="Parameters"/>' order.</param>
/// <param name="Rows">Typical (median) measured step against predicted without stalls, per shape.</param>
public sealed record LocalCalibrationResult(
    AcceleratorSpec Accelerator, IReadOnlyList<FittedParameter> Parameters, IReadOnlyList<double> Values, IReadOnlyList<LocalStepRow> Rows)
{
    /// <summary>The fitted values as <c>name = value</c> settings of a <c>cost { }</c> block.</summary>
    public IReadOnlyList<string> Settings => Parameters.Select((p, i) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Name} = {Values[i] / p.Scale:0.#####}{(p.Unit.Length > 0 ? " " + p.Unit : "")}"))
        .Append(string.Create(CultureInfo.InvariantCulture, $"host_stall_share = {Accelerator.Cost.HostStallShare:0.#####}")).ToArray();

    /// <summary>The table <c>shape | measured | predicted | error</c>, times in microseconds.</summary>
    public string Table()
    {
        var text = new StringBuilder();
        text.Append("shape | measured us | predicted us | error\n");
        foreach (var row in Rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row.Shape.Label} | {row.Measured * 1e6:0.0} | {row.Predicted * 1e6:0.0} | {row.Error * 100:+0.0;-0.0}%\n");
        }
        if (Rows.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"mean |error| {MeanAbsoluteError * 100:0.0}%, max {Rows.Max(r => Math.Abs(r.Error)) * 100:0.0}%\n");
            text.Append(CultureInfo.InvariantCulture, $"host stalls: the timed steps took {Accelerator.Cost.HostStallShare * 100:0.0}% longer than their medians\n");
        }
        return text.ToString();
    }

    /// <summary>The mean over the shapes of |predicted / measured - 1| (0 without shapes).</summary>
    public double MeanAbsoluteError => Rows.Count > 0 ? Rows.Average(r => Math.Abs(r.Error)) : 0;
}
